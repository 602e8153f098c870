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
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

var (
	testNow     = time.Date(2026, time.March, 4, 5, 6, 7, 0, time.UTC)
	testEarlier = metav1.NewTime(testNow.Add(-time.Hour))
	// syncerReady is a condition of another owner, which the controller keeps.
	syncerReady = metav1.Condition{Type: "SyncerReady", Status: metav1.ConditionUnknown, Reason: "Heartbeat",
		Message: "owned by a syncer", ObservedGeneration: 7, LastTransitionTime: testEarlier}
)

// newSyncTarget returns generation 1 of a SyncTarget in cluster, annotated with it as kcp does.
func newSyncTarget(cluster logicalcluster.Name, name, kcpCluster string, opts ...func(*SyncTarget)) *SyncTarget {
	st := &SyncTarget{ObjectMeta: metav1.ObjectMeta{Name: name, UID: types.UID("uid-" + name), Generation: 1, ResourceVersion: "1",
		Annotations: map[string]string{logicalcluster.AnnotationKey: cluster.String()}},
		Spec: workloadv1alpha1.SyncTargetSpec{KCPCluster: kcpCluster}}
	for _, opt := range opts {
		opt(st)
	}
	return st
}

func withExports(refs ...string) func(*SyncTarget) {
	return func(st *SyncTarget) { st.Spec.SupportedAPIExports = refs }
}

func withCondition(cond metav1.Condition) func(*SyncTarget) {
	return func(st *SyncTarget) { st.Status.Conditions = append(st.Status.Conditions, cond) }
}

// withReadyAs adds a Ready condition and LastSyncTime as a write at testEarlier would have.
func withReadyAs(status metav1.ConditionStatus, reason, message string, observedGeneration int64) func(*SyncTarget) {
	return func(st *SyncTarget) {
		withCondition(metav1.Condition{Type: workloadv1alpha1.ReadyCondition, Status: status, Reason: reason,
			Message: message, ObservedGeneration: observedGeneration, LastTransitionTime: testEarlier})(st)
		st.Status.LastSyncTime = testEarlier.DeepCopy()
	}
}

// withReady is the status a valid generation 1 got from a reconcile at testEarlier.
func withReady() func(*SyncTarget) {
	return withReadyAs(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 1)
}

func newTestController() *controller { return &controller{now: func() time.Time { return testNow }} }

// readyWant is the Ready condition a reconcile must write, without observedGeneration; msg is a substring.
type readyWant struct {
	status      metav1.ConditionStatus
	reason, msg string
	ltt         metav1.Time
}

func valid(ltt metav1.Time) *readyWant {
	return &readyWant{metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, ltt}
}

func invalid(reason, msg string, ltt metav1.Time) *readyWant {
	return &readyWant{metav1.ConditionFalse, reason, msg, ltt}
}

func TestReconcile(t *testing.T) {
	t.Parallel()

	now := metav1.NewTime(testNow)
	wasInvalid := withReadyAs(metav1.ConditionFalse, workloadv1alpha1.InvalidKCPClusterReason, "old", 1)
	tests := map[string]struct {
		in   *SyncTarget
		want *readyWant // nil: unchanged, nothing to write
	}{
		"a new valid SyncTarget becomes Ready": {
			in: newSyncTarget("team-a", "st", "root:org:team", withExports("x", "root:org:y.z")), want: valid(now)},
		"a reconciled SyncTarget is left alone": {in: newSyncTarget("team-a", "st", "root", withCondition(syncerReady), withReady())},
		"a new generation moves observedGeneration, not lastTransitionTime": {
			in: newSyncTarget("team-a", "st", "root:b", withReady(), func(st *SyncTarget) { st.Generation = 2 }), want: valid(testEarlier)},
		"a message edited by another writer is put right": {in: newSyncTarget("team-a", "st", "root",
			withReadyAs(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, "edited", 1)), want: valid(testEarlier)},
		"a fixed spec becomes Ready and moves lastTransitionTime": {
			in: newSyncTarget("team-a", "st", "root", wasInvalid), want: valid(now)},
		"an invalid kcpCluster turns Ready False, naming field and value": {
			in:   newSyncTarget("team-a", "st", "Root:Org", withCondition(syncerReady), withReady()),
			want: invalid(workloadv1alpha1.InvalidKCPClusterReason, `spec.kcpCluster: Invalid value: "Root:Org"`, now)},
		"a still invalid kcpCluster keeps lastTransitionTime": {
			in: newSyncTarget("team-a", "st", "*", wasInvalid), want: invalid(workloadv1alpha1.InvalidKCPClusterReason, `"*"`, testEarlier)},
		"an invalid export name": {in: newSyncTarget("team-a", "st", "root", withExports("ok", "root:Bad_Export")),
			want: invalid(workloadv1alpha1.InvalidAPIExportReferenceReason, `spec.supportedAPIExports[1]: Invalid value: "root:Bad_Export"`, now)},
		"an invalid export workspace path": {in: newSyncTarget("team-a", "st", "root", withExports("Root:export")),
			want: invalid(workloadv1alpha1.InvalidAPIExportReferenceReason, `spec.supportedAPIExports[0]: Invalid value: "Root:export"`, now)},
		"a duplicate export": {in: newSyncTarget("team-a", "st", "root", withExports("a", "root:b", "a")),
			want: invalid(workloadv1alpha1.InvalidAPIExportReferenceReason, `spec.supportedAPIExports[2]: Duplicate value: "a"`, now)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got := tc.in.DeepCopy()
			changed, after := newTestController().reconcile(t.Context(), got, nil)
			require.Equal(t, tc.want != nil, changed, "changed")
			require.Zero(t, after, "without heartbeats only an event changes the status")
			require.Equal(t, []any{tc.in.ObjectMeta, tc.in.Spec}, []any{got.ObjectMeta, got.Spec}, "metadata and spec are left alone")
			if tc.want == nil {
				require.Equal(t, tc.in.Status, got.Status)
				return
			}
			ready := meta.FindStatusCondition(got.Status.Conditions, workloadv1alpha1.ReadyCondition)
			require.Equal(t, metav1.Condition{Type: workloadv1alpha1.ReadyCondition, Status: tc.want.status, Reason: tc.want.reason,
				ObservedGeneration: got.Generation, LastTransitionTime: tc.want.ltt, Message: ready.Message}, *ready)
			require.Contains(t, ready.Message, tc.want.msg)
			require.Equal(t, now, *got.Status.LastSyncTime)
			require.Equal(t, meta.FindStatusCondition(tc.in.Status.Conditions, syncerReady.Type),
				meta.FindStatusCondition(got.Status.Conditions, syncerReady.Type), "another owner's condition is kept")
		})
	}
}
