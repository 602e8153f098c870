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
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

var (
	testNow     = time.Date(2026, time.March, 4, 5, 6, 7, 0, time.UTC)
	testEarlier = metav1.NewTime(testNow.Add(-time.Hour))
)

// syncTargetOpt changes a SyncTarget built by newSyncTarget.
type syncTargetOpt func(*workloadv1alpha1.SyncTarget)

// newSyncTarget returns a SyncTarget in cluster with the given spec, at
// generation 1 and resourceVersion "1", with the kcp.io/cluster annotation.
func newSyncTarget(cluster logicalcluster.Name, name, kcpCluster string, opts ...syncTargetOpt) *workloadv1alpha1.SyncTarget {
	st := &workloadv1alpha1.SyncTarget{
		ObjectMeta: metav1.ObjectMeta{
			Name:            name,
			UID:             types.UID("uid-" + name),
			Generation:      1,
			ResourceVersion: "1",
			Annotations:     map[string]string{logicalcluster.AnnotationKey: cluster.String()},
		},
		Spec: workloadv1alpha1.SyncTargetSpec{KCPCluster: kcpCluster},
	}
	for _, opt := range opts {
		opt(st)
	}
	return st
}

func withExports(refs ...string) syncTargetOpt {
	return func(st *workloadv1alpha1.SyncTarget) { st.Spec.SupportedAPIExports = refs }
}

func withGeneration(generation int64) syncTargetOpt {
	return func(st *workloadv1alpha1.SyncTarget) { st.Generation = generation }
}

// withCondition adds cond to the status, stamped at testEarlier.
func withCondition(cond metav1.Condition) syncTargetOpt {
	return func(st *workloadv1alpha1.SyncTarget) {
		cond.LastTransitionTime = testEarlier
		st.Status.Conditions = append(st.Status.Conditions, cond)
	}
}

// withReady adds a Ready condition as a previous reconcile at testEarlier
// would have written it, with LastSyncTime at testEarlier.
func withReady(status metav1.ConditionStatus, reason, message string, observedGeneration int64) syncTargetOpt {
	return func(st *workloadv1alpha1.SyncTarget) {
		withCondition(metav1.Condition{
			Type: workloadv1alpha1.ReadyCondition, Status: status, Reason: reason,
			Message: message, ObservedGeneration: observedGeneration,
		})(st)
		st.Status.LastSyncTime = testEarlier.DeepCopy()
	}
}

var syncerReady = metav1.Condition{
	Type: "SyncerReady", Status: metav1.ConditionUnknown, Reason: "Heartbeat", Message: "owned by a syncer",
	ObservedGeneration: 7,
}

type reconcileCase struct {
	in            *workloadv1alpha1.SyncTarget
	wantUnchanged bool
	wantStatus    metav1.ConditionStatus
	wantReason    string
	wantMessage   []string
	wantLTT       metav1.Time
	wantLastSync  metav1.Time
}

// invalidCluster is a new SyncTarget whose kcpCluster is value.
func invalidCluster(value string, wantMessage ...string) reconcileCase {
	return reconcileCase{
		in:         newSyncTarget("team-a", "st", value),
		wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidKCPClusterReason,
		wantMessage: wantMessage, wantLTT: metav1.NewTime(testNow), wantLastSync: metav1.NewTime(testNow),
	}
}

// invalidExports is a new SyncTarget with a valid kcpCluster and refs.
func invalidExports(refs []string, wantMessage ...string) reconcileCase {
	return reconcileCase{
		in:         newSyncTarget("team-a", "st", "root:org:team", withExports(refs...)),
		wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidAPIExportReferenceReason,
		wantMessage: wantMessage, wantLTT: metav1.NewTime(testNow), wantLastSync: metav1.NewTime(testNow),
	}
}

// foreignConditions returns the conditions this controller does not own.
func foreignConditions(st *workloadv1alpha1.SyncTarget) []metav1.Condition {
	var conds []metav1.Condition
	for _, cond := range st.Status.Conditions {
		if cond.Type != workloadv1alpha1.ReadyCondition {
			conds = append(conds, cond)
		}
	}
	return conds
}

func TestReconcile(t *testing.T) {
	t.Parallel()

	const cluster = logicalcluster.Name("team-a")
	manyExports := make([]string, workloadv1alpha1.MaxSupportedAPIExports+1)
	for i := range manyExports {
		manyExports[i] = "export-" + strings.Repeat("x", i%10) + string(rune('a'+i%26)) + strings.Repeat("0", i/26)
	}
	hugeExports := make([]string, 200)
	for i := range hugeExports {
		hugeExports[i] = "Bad" + strings.Repeat("x", 240) + strings.Repeat("y", i%5) + strings.Repeat("z", i/5)
	}

	tests := map[string]reconcileCase{
		"new valid target becomes Ready": {
			in:         newSyncTarget(cluster, "st", "root:org:team", withExports("my-export", "root:org:other.export")),
			wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason,
			wantLTT: metav1.NewTime(testNow), wantLastSync: metav1.NewTime(testNow),
		},
		"already reconciled at the same generation is unchanged": {
			in: newSyncTarget(cluster, "st", "root:org:team", withGeneration(3), withCondition(syncerReady),
				withReady(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 3)),
			wantUnchanged: true,
		},
		"already reconciled invalid target is unchanged": {
			in: newSyncTarget(cluster, "st", "Root:x", withReady(metav1.ConditionFalse, workloadv1alpha1.InvalidKCPClusterReason,
				notReady(workloadv1alpha1.InvalidKCPClusterReason, workloadv1alpha1.ValidateKCPCluster("Root:x", field.NewPath("spec", "kcpCluster"))).Message, 1)),
			wantUnchanged: true,
		},
		"spec change advances ObservedGeneration and LastSyncTime only": {
			in: newSyncTarget(cluster, "st", "root:org:moved", withGeneration(4), withCondition(syncerReady),
				withReady(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 3)),
			wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason,
			wantLTT: testEarlier, wantLastSync: metav1.NewTime(testNow),
		},
		"still invalid with another value updates the message, not LastTransitionTime": {
			in: newSyncTarget(cluster, "st", "Root:y", withGeneration(2), withReady(metav1.ConditionFalse,
				workloadv1alpha1.InvalidKCPClusterReason, `spec.kcpCluster: Invalid value: "Root:x"`, 1)),
			wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidKCPClusterReason,
			wantMessage: []string{`"Root:y"`}, wantLTT: testEarlier, wantLastSync: metav1.NewTime(testNow),
		},
		"empty kcpCluster":      invalidCluster("", "spec.kcpCluster: Required value"),
		"upper case kcpCluster": invalidCluster("Root:Org", `spec.kcpCluster: Invalid value: "Root:Org"`),
		"wildcard kcpCluster":   invalidCluster("*", `spec.kcpCluster: Invalid value: "*"`),
		"trailing colon":        invalidCluster("root:org:", `spec.kcpCluster: Invalid value: "root:org:"`),
		"too long kcpCluster":   invalidCluster(strings.Repeat("a", 513), "spec.kcpCluster: Too long: may not be more than 512"),
		"kcpCluster is reported before exports": {
			in:         newSyncTarget(cluster, "st", "Root", withExports("Bad")),
			wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidKCPClusterReason,
			wantMessage: []string{`"Root"`}, wantLTT: metav1.NewTime(testNow), wantLastSync: metav1.NewTime(testNow),
		},
		"bad export name":  invalidExports([]string{"root:org:Bad_Export"}, `spec.supportedAPIExports[0]: Invalid value: "root:org:Bad_Export"`),
		"bad export path":  invalidExports([]string{"ok", "Root:x:export"}, `spec.supportedAPIExports[1]: Invalid value: "Root:x:export"`),
		"duplicate export": invalidExports([]string{"a", "b", "a"}, `spec.supportedAPIExports[2]: Duplicate value: "a"`),
		"too many exports": invalidExports(manyExports, "spec.supportedAPIExports: Too many: 65: must have at most 64 items"),
		"every bad export is listed": invalidExports([]string{"One", "ok", "Two"},
			`spec.supportedAPIExports[0]: Invalid value: "One"`, `; spec.supportedAPIExports[2]: Invalid value: "Two"`),
		"a huge message is truncated": invalidExports(hugeExports, `spec.supportedAPIExports[0]: Invalid value: "Bad`, truncatedSuffix),
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			c := &controller{now: func() time.Time { return testNow }}
			in := tc.in.DeepCopy()
			got := tc.in.DeepCopy()
			c.reconcile(context.Background(), got)

			require.Equal(t, in.Spec, got.Spec, "spec must not change")
			require.Equal(t, in.ObjectMeta, got.ObjectMeta, "metadata must not change")
			require.Equal(t, foreignConditions(in), foreignConditions(got), "other conditions must be preserved")
			if tc.wantUnchanged {
				require.Equal(t, in, got)
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
			require.LessOrEqual(t, len(ready.Message), maxConditionMessageLength)
			require.NotEmpty(t, ready.Message)
			for _, want := range tc.wantMessage {
				require.Contains(t, ready.Message, want)
			}
		})
	}
}

func TestReconcileTransitions(t *testing.T) {
	t.Parallel()

	// Each step edits the spec, bumps the generation and reconciles at a later time.
	steps := []struct {
		kcpCluster string
		wantStatus metav1.ConditionStatus
		wantReason string
	}{
		{kcpCluster: "root:org:team", wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason},
		{kcpCluster: "Root:Org:Team", wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidKCPClusterReason},
		{kcpCluster: "root:org:team2", wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason},
		{kcpCluster: "root:org:team3", wantStatus: metav1.ConditionTrue, wantReason: workloadv1alpha1.SyncTargetReadyReason},
	}

	st := newSyncTarget("team-a", "st", "", withCondition(syncerReady))
	wantTransition := metav1.Time{}
	for i, step := range steps {
		now := testNow.Add(time.Duration(i) * time.Minute)
		c := &controller{now: func() time.Time { return now }}
		st.Spec.KCPCluster = step.kcpCluster
		st.Generation = int64(i + 1)
		before := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition).DeepCopy()

		c.reconcile(context.Background(), st)

		ready := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
		require.NotNil(t, ready, "step %d", i)
		require.Equal(t, step.wantStatus, ready.Status, "step %d", i)
		require.Equal(t, step.wantReason, ready.Reason, "step %d", i)
		require.Equal(t, int64(i+1), ready.ObservedGeneration, "step %d", i)
		if before == nil || before.Status != ready.Status {
			wantTransition = metav1.NewTime(now)
		}
		require.Equal(t, wantTransition, ready.LastTransitionTime, "step %d", i)
		require.Equal(t, metav1.NewTime(now), *st.Status.LastSyncTime, "step %d", i)
		require.Equal(t, []metav1.Condition{withLTT(syncerReady)}, foreignConditions(st), "step %d", i)
	}
	require.Equal(t, wantTransition, metav1.NewTime(testNow.Add(2*time.Minute)), "the last transition is False to True")
}

func withLTT(cond metav1.Condition) metav1.Condition {
	cond.LastTransitionTime = testEarlier
	return cond
}

func TestReconcileTruncatesOnRuneBoundary(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		value string
	}{
		"ascii":      {value: strings.Repeat("B", 300)},
		"multi-byte": {value: strings.Repeat("é", 150)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			errs := make(field.ErrorList, 200)
			for i := range errs {
				errs[i] = field.Invalid(field.NewPath("spec", "supportedAPIExports").Index(i), tc.value, "bad")
			}
			cond := notReady(workloadv1alpha1.InvalidAPIExportReferenceReason, errs)
			require.LessOrEqual(t, len(cond.Message), maxConditionMessageLength)
			require.Greater(t, len(cond.Message), maxConditionMessageLength-len(truncatedSuffix)-4)
			require.True(t, strings.HasSuffix(cond.Message, truncatedSuffix))
			require.True(t, utf8.ValidString(cond.Message))
		})
	}
}

func BenchmarkReconcile(b *testing.B) {
	reconciled := newSyncTarget("team-a", "st", "root:org:team", withExports("export-a", "root:org:export-b"),
		withCondition(syncerReady), withReady(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 1))

	// The no-op path reconciles the same, already reconciled, object over and
	// over. The change path bumps the generation before every reconcile, so each
	// iteration moves ObservedGeneration and LastSyncTime. Neither copies the object.
	benchmarks := map[string]struct {
		bump bool
	}{
		"no-op":  {bump: false},
		"change": {bump: true},
	}
	for name, bc := range benchmarks {
		b.Run(name, func(b *testing.B) {
			c := &controller{now: func() time.Time { return testNow }}
			ctx := context.Background()
			st := reconciled.DeepCopy()
			b.ReportAllocs()
			for b.Loop() {
				if bc.bump {
					st.Generation++
				}
				c.reconcile(ctx, st)
			}
			if !bc.bump {
				require.Equal(b, reconciled, st, "the no-op path must leave the object unchanged")
			}
		})
	}
}
