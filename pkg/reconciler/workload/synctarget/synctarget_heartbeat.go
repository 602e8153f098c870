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
	"sync"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/tools/cache"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"
	coordinationv1informers "github.com/kcp-dev/client-go/informers/coordination/v1"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/reconciler/events"
	"github.com/kcp-dev/kcp/pkg/tombstone"
)

// WithHeartbeats makes Ready follow the SyncTargets' heartbeat Leases, which
// leases must list (ideally filtered by the label HeartbeatLabel).
// Call it before the informers start, and Start once what it returns is
// true: the handler has seen every Lease listed (an informer's own sync only
// says its store has), else a Lease not yet seen reads as none.
func (c *controller) WithHeartbeats(leases coordinationv1informers.LeaseClusterInformer) (cache.InformerSynced, error) {
	h := &heartbeats{seen: map[string]observed{}, now: func() time.Time { return c.now() }}
	c.heartbeat = h.get
	c.watchLeases(h, leases.Informer())
	reg, err := leases.Informer().AddEventHandler(events.WithoutSyncs(cache.ResourceEventHandlerDetailedFuncs{
		AddFunc:    func(obj any, initial bool) { c.queueKey(h.observe(obj.(*coordinationv1.Lease), initial)) },
		UpdateFunc: func(_, obj any) { c.queueKey(h.observe(obj.(*coordinationv1.Lease), false)) },
		DeleteFunc: func(obj any) { c.queueKey(h.forget(tombstone.Obj[*coordinationv1.Lease](obj))) },
	}))
	if err != nil {
		return nil, err
	}
	return reg.HasSynced, nil
}

func (c *controller) queueKey(key string) {
	if key != "" {
		c.queue.Add(key)
	}
}

// heartbeats holds the last observation of every heartbeat Lease.
type heartbeats struct {
	mu      sync.Mutex
	seen    map[string]observed // by SyncTarget queue key
	now     func() time.Time
	blinded bool // the Lease watch failed and has not listed again
}

// observed is an observation and the syncer's renewTime then, which is
// compared to tell a renewal apart, never read as a time.
type observed struct {
	observation
	renewTime *metav1.MicroTime
}

// ownerKey is the queue key of the SyncTarget owning lease, "" for none.
func ownerKey(lease *coordinationv1.Lease) (string, types.UID) {
	if lease.Namespace != workloadv1alpha1.HeartbeatLeaseNamespace {
		return "", ""
	}
	for _, ref := range lease.OwnerReferences {
		if ref.Kind == "SyncTarget" && ref.APIVersion == workloadv1alpha1.SchemeGroupVersion.String() &&
			lease.Name == workloadv1alpha1.HeartbeatLeaseName(ref.Name) {
			return kcpcache.ToClusterAwareKey(logicalcluster.From(lease).String(), "", ref.Name), ref.UID
		}
	}
	return "", ""
}

// observe records lease and returns its SyncTarget's key. A Lease listed at
// start proves nothing yet; a new one, or a new renewTime, is a renewal.
func (h *heartbeats) observe(lease *coordinationv1.Lease, initial bool) string {
	key, owner := ownerKey(lease)
	if key == "" {
		return ""
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	prev, known := h.seen[key]
	obs := observed{renewTime: lease.Spec.RenewTime, observation: observation{owner: owner, seenAt: prev.seenAt,
		renewed: prev.renewed, duration: DefaultLeaseDuration, unreachable: lease.Annotations[workloadv1alpha1.UnreachableAnnotation]}}
	if d := lease.Spec.LeaseDurationSeconds; d != nil && *d > 0 {
		obs.duration = time.Duration(*d) * time.Second
	}
	switch {
	case !known || prev.owner != owner:
		obs.seenAt, obs.renewed = h.now(), !initial
	case !sameTime(prev.renewTime, lease.Spec.RenewTime):
		obs.seenAt, obs.renewed = h.now(), true
	}
	h.seen[key] = obs
	return key
}

func (h *heartbeats) forget(lease *coordinationv1.Lease) string {
	key, owner := ownerKey(lease)
	h.mu.Lock()
	defer h.mu.Unlock()
	if prev, ok := h.seen[key]; ok && prev.owner == owner {
		delete(h.seen, key)
	}
	return key
}

// get returns the observation for a SyncTarget, nil if none.
func (h *heartbeats) get(cluster logicalcluster.Name, name string) *observation {
	h.mu.Lock()
	defer h.mu.Unlock()
	obs, ok := h.seen[kcpcache.ToClusterAwareKey(cluster.String(), "", name)]
	if h.blinded {
		return &observation{blind: true}
	}
	if !ok {
		return nil
	}
	return &obs.observation
}

func sameTime(a, b *metav1.MicroTime) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Equal(b)
}
