/*
Copyright 2026 The kcp Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

package synctarget

import (
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	"k8s.io/client-go/tools/cache"

	coordinationv1informers "github.com/kcp-dev/client-go/informers/coordination/v1"
	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/pkg/reconciler/events"
	"github.com/kcp-dev/kcp/pkg/tombstone"
)

// DefaultLeaseDuration is the heartbeat's lifetime when a Lease states none.
const DefaultLeaseDuration = 40 * time.Second

// WithHeartbeats makes Ready follow the SyncTargets' heartbeat Leases, which
// leases must list (ideally filtered by the label HeartbeatLabel).
// Call it before the informers start.
func (c *controller) WithHeartbeats(leases coordinationv1informers.LeaseClusterInformer) *controller {
	h := &heartbeats{seen: map[string]observation{}, now: func() time.Time { return c.now() }}
	c.heartbeat = h.get
	_, _ = leases.Informer().AddEventHandler(events.WithoutSyncs(cache.ResourceEventHandlerDetailedFuncs{
		AddFunc:    func(obj any, initial bool) { c.queueKey(h.observe(obj.(*coordinationv1.Lease), initial)) },
		UpdateFunc: func(_, obj any) { c.queueKey(h.observe(obj.(*coordinationv1.Lease), false)) },
		DeleteFunc: func(obj any) { c.queueKey(h.forget(tombstone.Obj[*coordinationv1.Lease](obj))) },
	}))
	return c
}

// observation returns the last observation of the SyncTarget's Lease, nil
// without one or with heartbeats off.
func (c *controller) observation(cluster logicalcluster.Name, name string) *observation {
	if c.heartbeat == nil {
		return nil
	}
	return c.heartbeat(cluster, name)
}

// requeueAfter looks at key again after d, when its heartbeat would expire.
func (c *controller) requeueAfter(key string, d time.Duration) {
	if d > 0 {
		c.queue.AddAfter(key, d)
	}
}

func (c *controller) queueKey(key string) {
	if key != "" {
		c.queue.Add(key)
	}
}

