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

package faults

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1ac "k8s.io/client-go/applyconfigurations/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadv1alpha1ac "github.com/kcp-dev/kcp/sdk/client/applyconfiguration/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// foreignCondition is owned by someone else, as a syncer's will be.
const foreignCondition = "SyncerReady"

// TestCompetingWriter has a second writer apply a foreign condition to the
// same objects, round after round, while the manager makes them Ready. Both
// conditions survive, and the manager writes each object exactly once: the
// foreign writes trigger reconciles but no further writes.
func TestCompetingWriter(t *testing.T) {
	t.Parallel()

	const count, rounds = 200, 3
	f := newFixture(t, kcpServer, 2)
	load := f.load("competing", count, 10)
	_, err := load.Create(t.Context(), f.client)
	require.NoError(t, err)

	m := f.startManager(t)
	var applied atomic.Int64
	for round := 1; round <= rounds; round++ {
		err := framework.Parallel(t.Context(), count, 4, func(ctx context.Context, i int) error {
			ws, name := load.Target(i)
			_, err := f.client.Cluster(ws).WorkloadV1alpha1().SyncTargets().ApplyStatus(ctx, foreignStatus(name, round),
				metav1.ApplyOptions{FieldManager: "competing-syncer", Force: true})
			applied.Add(1)
			return err
		})
		require.NoError(t, err, "round %d of the competing writer", round)
	}

	_, err = f.rec.WaitFor(t.Context(), converge, func(t framework.Totals) bool { return t.Ready == count })
	require.NoError(t, err)
	waitDrained(t, m)
	for i := range count {
		ws, name := load.Target(i)
		st, err := f.client.Cluster(ws).WorkloadV1alpha1().SyncTargets().Get(t.Context(), name, metav1.GetOptions{})
		require.NoError(t, err)
		require.True(t, meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition), "%s|%s", ws, name)
		foreign := meta.FindStatusCondition(st.Status.Conditions, foreignCondition)
		require.NotNil(t, foreign, "%s|%s lost the foreign condition", ws, name)
		require.Equal(t, fmt.Sprintf("round %d", rounds), foreign.Message, "%s|%s", ws, name)
	}

	ms := metrics(t, m)
	conflicts := conflicts(t, ms)
	t.Logf("manager: %d writes, %d conflicts against %d foreign writes", writes(t, ms), conflicts, applied.Load())
	require.Equal(t, count, writes(t, ms), "the manager must write each object once")
	require.LessOrEqual(t, int64(conflicts), applied.Load(), "more conflicts than foreign writes: a hot loop")
	for key, rec := range f.rec.Snapshot() {
		require.Equal(t, 1+rounds, rec.Writes, "%v: one write by the manager, one per round by the other writer", key)
	}
	f.requireQuiet(t)
}

// foreignStatus is the competing writer's condition for one round.
func foreignStatus(name string, round int) *workloadv1alpha1ac.SyncTargetApplyConfiguration {
	return workloadv1alpha1ac.SyncTarget(name).WithStatus(workloadv1alpha1ac.SyncTargetStatus().WithConditions(
		metav1ac.Condition().WithType(foreignCondition).WithStatus(metav1.ConditionTrue).
			WithReason("Heartbeat").WithMessage(fmt.Sprintf("round %d", round)).
			WithLastTransitionTime(metav1.NewTime(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))),
	))
}
