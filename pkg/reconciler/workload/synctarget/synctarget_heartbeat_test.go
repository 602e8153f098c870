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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// newLease is st's heartbeat Lease in team-a as a syncer writes it, renewed at
// renew by the syncer's clock.
func newLease(st string, renew time.Time, opts ...func(*coordinationv1.Lease)) *coordinationv1.Lease {
	lease := &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{
		Name: workloadv1alpha1.HeartbeatLeaseName(st), Namespace: workloadv1alpha1.HeartbeatLeaseNamespace,
		Annotations: map[string]string{logicalcluster.AnnotationKey: "team-a"},
		OwnerReferences: []metav1.OwnerReference{{APIVersion: "workload.kcp.io/v1alpha1", Kind: "SyncTarget",
			Name: st, UID: "uid-st"}}},
		Spec: coordinationv1.LeaseSpec{RenewTime: ptr.To(metav1.NewMicroTime(renew)), LeaseDurationSeconds: ptr.To[int32](20)}}
	for _, opt := range opts {
		opt(lease)
	}
	return lease
}

func TestObserve(t *testing.T) {
	t.Parallel()
	clock := testNow
	h := &heartbeats{seen: map[string]observed{}, now: func() time.Time { return clock }}
	skewed := testNow.Add(-10 * time.Minute) // the syncer's clock is 10 minutes behind

	require.Equal(t, "team-a|st", h.observe(newLease("st", skewed), true))
	require.Equal(t, observation{owner: "uid-st", seenAt: testNow,
		duration: 20 * time.Second}, *h.get("team-a", "st"), "a Lease listed at start is no renewal")

	clock = testNow.Add(5 * time.Second)
	h.observe(newLease("st", skewed, func(l *coordinationv1.Lease) { l.Labels = map[string]string{"x": "y"} }), false)
	require.Equal(t, testNow, h.get("team-a", "st").seenAt, "an update that is no renewal moves nothing")
	require.False(t, h.get("team-a", "st").renewed)

	clock = testNow.Add(10 * time.Second)
	h.observe(newLease("st", skewed.Add(10*time.Second)), false)
	require.Equal(t, clock, h.get("team-a", "st").seenAt, "a renewal is timed by the controller's clock")
	require.True(t, h.get("team-a", "st").renewed)

	clock = testNow.Add(15 * time.Second)
	h.observe(newLease("st", skewed.Add(10*time.Second), func(l *coordinationv1.Lease) {
		l.Annotations[workloadv1alpha1.UnreachableAnnotation] = "readyz: connection refused"
	}), false)
	require.Equal(t, "readyz: connection refused", h.get("team-a", "st").unreachable)
	require.Equal(t, testNow.Add(10*time.Second), h.get("team-a", "st").seenAt)

	require.Equal(t, "team-a|st", h.forget(newLease("st", skewed)))
	require.Nil(t, h.get("team-a", "st"))
	require.Equal(t, "team-a|new", h.observe(newLease("new", time.Time{}), false), "a new Lease is a renewal")
	require.True(t, h.get("team-a", "new").renewed)
}

func TestObserveIgnoresOtherLeases(t *testing.T) {
	t.Parallel()
	tests := map[string]func(*coordinationv1.Lease){
		"another namespace": func(l *coordinationv1.Lease) { l.Namespace = "default" },
		"no owner":          func(l *coordinationv1.Lease) { l.OwnerReferences = nil },
		"another kind":      func(l *coordinationv1.Lease) { l.OwnerReferences[0].Kind = "Node" },
		"another name":      func(l *coordinationv1.Lease) { l.Name = "leader-election" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := &heartbeats{seen: map[string]observed{}, now: func() time.Time { return testNow }}
			require.Empty(t, h.observe(newLease("st", testNow, mutate), false))
			require.Empty(t, h.seen)
		})
	}
}

func TestHeartbeatLeaseName(t *testing.T) {
	t.Parallel()
	long := make([]byte, 253)
	for i := range long {
		long[i] = 'a'
	}
	require.Equal(t, "synctarget-st", workloadv1alpha1.HeartbeatLeaseName("st"))
	name := workloadv1alpha1.HeartbeatLeaseName(string(long))
	require.Len(t, name, 253)
	require.NotEqual(t, name, workloadv1alpha1.HeartbeatLeaseName(string(long[:252])+"b"), "the hash tells long names apart")
}
