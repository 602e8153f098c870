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
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// DefaultLeaseDuration is the heartbeat's lifetime when a Lease states none.
const DefaultLeaseDuration = 40 * time.Second

// observation is what the controller saw of a SyncTarget's heartbeat Lease,
// timed by its own clock.
type observation struct {
	owner       types.UID     // the SyncTarget the Lease belongs to
	seenAt      time.Time     // the controller's clock at the last renewal it saw
	renewed     bool          // a renewal was seen; false for a Lease only listed at start
	duration    time.Duration // how long a renewal stays fresh
	unreachable string        // why the syncer stopped renewing, if it said
	blind       bool          // the controller cannot watch Leases now
}

// heartbeatCondition is the Ready condition st deserves given the spec's
// condition ready, the last observation of its heartbeat Lease (nil: none)
// and the controller's clock now, and how long until it may change by itself
// (0: only an event can change it). It reads nothing else.
func heartbeatCondition(st *SyncTarget, ready metav1.Condition, hb *observation, now time.Time) (metav1.Condition, time.Duration) {
	if ready.Status != metav1.ConditionTrue {
		return ready, 0 // a bad spec stays False, whatever the syncer does
	}
	lease := workloadv1alpha1.HeartbeatLeaseNamespace + "/" + workloadv1alpha1.HeartbeatLeaseName(st.Name)
	unknown := func(reason, message string) metav1.Condition {
		return metav1.Condition{Type: ready.Type, Status: metav1.ConditionUnknown, Reason: reason, Message: message}
	}
	old := meta.FindStatusCondition(st.Status.Conditions, ready.Type)
	if hb != nil && hb.blind && old != nil { // no renewal can be seen: keep what is known
		return *old, 0
	}
	if hb == nil || hb.owner != st.UID {
		return unknown(workloadv1alpha1.SyncerNotConnectedReason,
			fmt.Sprintf("No heartbeat Lease %s owned by this SyncTarget has been seen.", lease)), 0
	}
	if hb.unreachable != "" {
		return unknown(workloadv1alpha1.PhysicalClusterUnreachableReason,
			"The syncer stopped renewing its heartbeat: "+hb.unreachable), 0
	}
	left := hb.seenAt.Add(hb.duration).Sub(now)
	if left <= 0 {
		return unknown(workloadv1alpha1.SyncerHeartbeatExpiredReason,
			fmt.Sprintf("The heartbeat Lease %s was not renewed within %s.", lease, hb.duration)), 0
	}
	if !hb.renewed {
		// Listed at start, not renewed since: keep what the status says for
		// one full lease duration (start-up grace), then it is stale.
		if old != nil && old.Status != metav1.ConditionFalse {
			return *old, left
		}
		return unknown(workloadv1alpha1.SyncerNotConnectedReason,
			fmt.Sprintf("The heartbeat Lease %s has not been renewed since the controller started.", lease)), left
	}
	ready.Reason = workloadv1alpha1.SyncerConnectedReason
	ready.Message = "The spec is valid and the syncer renews its heartbeat: it reaches kcp and its physical cluster."
	return ready, left
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
