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

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

func TestReconcileTransitions(t *testing.T) {
	t.Parallel()

	// Each step edits the spec, bumps the generation and reconciles a minute later.
	steps := []struct {
		kcpCluster string
		wantStatus metav1.ConditionStatus
	}{
		{kcpCluster: "root:org:team", wantStatus: metav1.ConditionTrue},
		{kcpCluster: "Root:Org:Team", wantStatus: metav1.ConditionFalse},
		{kcpCluster: "root:org:team2", wantStatus: metav1.ConditionTrue},
		{kcpCluster: "root:org:team3", wantStatus: metav1.ConditionTrue},
	}
	st := newSyncTarget("team-a", "st", "", withCondition(syncerReady))
	var wantTransition metav1.Time
	for i, step := range steps {
		now := testNow.Add(time.Duration(i) * time.Minute)
		c := &controller{now: func() time.Time { return now }}
		st.Spec.KCPCluster, st.Generation = step.kcpCluster, int64(i+1)
		before := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition).DeepCopy()

		require.True(t, changed(c, st), "step %d", i)

		ready := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
		require.NotNil(t, ready, "step %d", i)
		require.Equal(t, step.wantStatus, ready.Status, "step %d", i)
		require.Equal(t, int64(i+1), ready.ObservedGeneration, "step %d", i)
		if before == nil || before.Status != ready.Status {
			wantTransition = metav1.NewTime(now)
		}
		require.Equal(t, wantTransition, ready.LastTransitionTime, "step %d", i)
		require.Equal(t, metav1.NewTime(now), *st.Status.LastSyncTime, "step %d", i)
		require.Len(t, foreignConditions(st), 1, "step %d: the syncer's condition stays", i)
		require.False(t, changed(c, st), "step %d: a second reconcile changes nothing", i)
	}
	require.Equal(t, wantTransition, metav1.NewTime(testNow.Add(2*time.Minute)), "the last transition is False to True")
}
