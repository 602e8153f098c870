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

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// reconcileCase is one reconcile of in at testNow.
type reconcileCase struct {
	in           *SyncTarget
	wantChanged  bool
	wantStatus   metav1.ConditionStatus
	wantReason   string
	wantMessage  []string // substrings
	wantLTT      metav1.Time
	wantLastSync metav1.Time
}

// foreignConditions returns the conditions this controller does not own.
func foreignConditions(st *SyncTarget) []metav1.Condition {
	var conds []metav1.Condition
	for _, cond := range st.Status.Conditions {
		if cond.Type != workloadv1alpha1.ReadyCondition {
			conds = append(conds, cond)
		}
	}
	return conds
}

// checkReconcile reconciles a copy of tc.in and checks the outcome.
func checkReconcile(t *testing.T, tc reconcileCase) {
	t.Helper()
	got := tc.in.DeepCopy()
	changed := newTestController().reconcile(t.Context(), got)

	require.Equal(t, tc.wantChanged, changed)
	require.Equal(t, tc.in.ObjectMeta, got.ObjectMeta, "metadata must not change")
	require.Equal(t, tc.in.Spec, got.Spec, "spec must not change")
	require.Equal(t, foreignConditions(tc.in), foreignConditions(got), "other conditions must be preserved")
	if !tc.wantChanged {
		require.Equal(t, tc.in, got, "an unchanged reconcile must leave the object alone")
		return
	}
	ready := meta.FindStatusCondition(got.Status.Conditions, workloadv1alpha1.ReadyCondition)
	require.NotNil(t, ready)
	require.Equal(t, tc.wantStatus, ready.Status)
	require.Equal(t, tc.wantReason, ready.Reason)
	require.Equal(t, got.Generation, ready.ObservedGeneration)
	require.Equal(t, tc.wantLTT, ready.LastTransitionTime)
	require.NotNil(t, got.Status.LastSyncTime)
	require.Equal(t, tc.wantLastSync, *got.Status.LastSyncTime)
	require.NotEmpty(t, ready.Message)
	require.LessOrEqual(t, len(ready.Message), maxConditionMessageLength)
	for _, want := range tc.wantMessage {
		require.Contains(t, ready.Message, want)
	}
}

func TestReconcile(t *testing.T) {
	t.Parallel()

	now := metav1.NewTime(testNow)
	tests := map[string]reconcileCase{
		"a new valid SyncTarget becomes Ready": {
			in:          newSyncTarget("team-a", "st", "root:org:team", withExports("my-export", "root:org:other.export")),
			wantChanged: true, wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason,
			wantMessage: []string{readyMessage}, wantLTT: now, wantLastSync: now,
		},
		"already reconciled at the same generation is unchanged": {
			in: newSyncTarget("team-a", "st", "root:org:team", withGeneration(3), withCondition(syncerReady),
				withReadyAs(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 3)),
		},
		"a spec change advances observedGeneration and lastSyncTime only": {
			in: newSyncTarget("team-a", "st", "root:org:moved", withGeneration(4), withCondition(syncerReady),
				withReadyAs(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 3)),
			wantChanged: true, wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason,
			wantLTT: testEarlier, wantLastSync: now,
		},
		"a changed message of another writer is put right": {
			in: newSyncTarget("team-a", "st", "root:org:team",
				withReadyAs(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, "edited by hand", 1)),
			wantChanged: true, wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason,
			wantMessage: []string{readyMessage}, wantLTT: testEarlier, wantLastSync: now,
		},
		"a Ready condition set by another writer without lastSyncTime is left alone": {
			in: func() *SyncTarget {
				st := newSyncTarget("team-a", "st", "root:org:team", withReady())
				st.Status.LastSyncTime = nil
				return st
			}(),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkReconcile(t, tc)
		})
	}
}
