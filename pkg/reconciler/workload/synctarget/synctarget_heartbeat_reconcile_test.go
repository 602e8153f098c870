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

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// renewedAt is an observation of st's Lease renewed at seenAt by the controller's clock.
func renewedAt(seenAt time.Time, renewed bool) *observation {
	return &observation{owner: "uid-st", seenAt: seenAt, renewed: renewed, duration: 40 * time.Second}
}

func TestHeartbeatCondition(t *testing.T) {
	t.Parallel()
	const unknown, trueStatus = metav1.ConditionUnknown, metav1.ConditionTrue
	valid := newSyncTarget("team-a", "st", "root:org")
	tests := map[string]struct {
		st        *SyncTarget
		hb        *observation
		status    metav1.ConditionStatus
		reason    string
		wantAfter time.Duration
	}{
		"a bad spec stays False": {st: newSyncTarget("team-a", "st", "*"), hb: renewedAt(testNow, true),
			status: metav1.ConditionFalse, reason: workloadv1alpha1.InvalidKCPClusterReason},
		"no Lease seen": {st: valid, status: unknown, reason: workloadv1alpha1.SyncerNotConnectedReason},
		"a Lease of an earlier SyncTarget of that name": {st: valid,
			hb:     &observation{owner: "uid-old", seenAt: testNow, renewed: true, duration: time.Minute},
			status: unknown, reason: workloadv1alpha1.SyncerNotConnectedReason},
		"renewed 10s ago": {st: valid, hb: renewedAt(testNow.Add(-10*time.Second), true),
			status: trueStatus, reason: workloadv1alpha1.SyncerConnectedReason, wantAfter: 30 * time.Second},
		"renewed exactly one duration ago": {st: valid, hb: renewedAt(testNow.Add(-40*time.Second), true),
			status: unknown, reason: workloadv1alpha1.SyncerHeartbeatExpiredReason},
		"renewed long ago": {st: valid, hb: renewedAt(testNow.Add(-time.Hour), true),
			status: unknown, reason: workloadv1alpha1.SyncerHeartbeatExpiredReason},
		"the physical cluster is unreachable": {st: valid,
			hb:     &observation{owner: "uid-st", seenAt: testNow, renewed: true, duration: time.Minute, unreachable: "readyz: 503"},
			status: unknown, reason: workloadv1alpha1.PhysicalClusterUnreachableReason},
		"listed at start, Ready before: kept through the grace": {
			st:     newSyncTarget("team-a", "st", "root:org", withReadyAs(trueStatus, workloadv1alpha1.SyncerConnectedReason, "m", 1)),
			hb:     renewedAt(testNow.Add(-15*time.Second), false),
			status: trueStatus, reason: workloadv1alpha1.SyncerConnectedReason, wantAfter: 25 * time.Second},
		"listed at start, expired before: kept": {
			st:     newSyncTarget("team-a", "st", "root:org", withReadyAs(unknown, workloadv1alpha1.SyncerHeartbeatExpiredReason, "m", 1)),
			hb:     renewedAt(testNow, false),
			status: unknown, reason: workloadv1alpha1.SyncerHeartbeatExpiredReason, wantAfter: 40 * time.Second},
		"blind, Ready before: kept, nothing to requeue": {
			st:     newSyncTarget("team-a", "st", "root:org", withReadyAs(trueStatus, workloadv1alpha1.SyncerConnectedReason, "m", 1)),
			hb:     &observation{blind: true},
			status: trueStatus, reason: workloadv1alpha1.SyncerConnectedReason},
		"blind, no status yet": {st: valid, hb: &observation{blind: true},
			status: unknown, reason: workloadv1alpha1.SyncerNotConnectedReason},
		"listed at start, no status yet": {st: valid, hb: renewedAt(testNow, false),
			status: unknown, reason: workloadv1alpha1.SyncerNotConnectedReason, wantAfter: 40 * time.Second},
		"listed at start, not renewed within the grace": {
			st:     newSyncTarget("team-a", "st", "root:org", withReadyAs(trueStatus, workloadv1alpha1.SyncerConnectedReason, "m", 1)),
			hb:     renewedAt(testNow.Add(-41*time.Second), false),
			status: unknown, reason: workloadv1alpha1.SyncerHeartbeatExpiredReason},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cond, after := heartbeatCondition(tc.st, readyCondition(&tc.st.Spec), tc.hb, testNow)
			require.Equal(t, tc.status, cond.Status)
			require.Equal(t, tc.reason, cond.Reason)
			require.NotEmpty(t, cond.Message)
			require.Equal(t, tc.wantAfter, after, "when to look again")
		})
	}
}

// TestReconcileWithHeartbeats checks that the status is written on a
// transition only: fresh beats change nothing once Ready is True.
func TestReconcileWithHeartbeats(t *testing.T) {
	t.Parallel()
	c := newTestController()
	c.heartbeat = func(logicalcluster.Name, string) *observation { return nil }
	st := newSyncTarget("team-a", "st", "root:org")
	steps := []struct {
		hb      *observation
		changed bool
		status  metav1.ConditionStatus
	}{
		{nil, true, metav1.ConditionUnknown},
		{nil, false, metav1.ConditionUnknown},
		{renewedAt(testNow, true), true, metav1.ConditionTrue},
		{renewedAt(testNow.Add(-5*time.Second), true), false, metav1.ConditionTrue},
		{renewedAt(testNow.Add(-time.Minute), true), true, metav1.ConditionUnknown},
		{renewedAt(testNow.Add(-2*time.Minute), true), false, metav1.ConditionUnknown},
	}
	for i, step := range steps {
		changed, _ := c.reconcile(t.Context(), st, step.hb)
		require.Equal(t, step.changed, changed, "step %d", i)
		require.Equal(t, step.status, meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition).Status, "step %d", i)
	}
}
