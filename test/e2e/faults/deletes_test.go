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
	"testing"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestDeletesDuringReconcile deletes half of 1000 SyncTargets while the
// manager works through them: deleted objects are simply dropped (nothing
// logged above info, not a single write to them), the survivors become
// Ready and the queue drains.
func TestDeletesDuringReconcile(t *testing.T) {
	t.Parallel()

	const count, deletes = 1000, 500
	f := newFixture(t, kcpServer, 2)
	load := f.load("deleted", count, 10)
	_, err := load.Create(t.Context(), f.client)
	require.NoError(t, err)

	m := f.startManager(t)
	err = framework.Parallel(t.Context(), deletes, 10, func(ctx context.Context, i int) error {
		ws, name := load.Target(2*i + 1) // Every other object, so deletes meet the workers.
		return f.client.Cluster(ws).WorkloadV1alpha1().SyncTargets().Delete(ctx, name, metav1.DeleteOptions{})
	})
	require.NoError(t, err)
	total, err := f.rec.WaitFor(t.Context(), converge, func(t framework.Totals) bool {
		return t.Deleted == deletes && t.Ready == count-deletes
	})
	require.NoError(t, err)
	waitDrained(t, m)

	// kcp refuses a write to a deleted object (404) or a stale one (409):
	// the manager would count a conflict or log an error. So: every write it
	// counted is one kcp recorded on a live object, no conflict, no error.
	ms := metrics(t, m)
	t.Logf("%d writes, %d of them to objects deleted later", writes(t, ms), writes(t, ms)-(count-deletes))
	require.Equal(t, total.Writes, writes(t, ms), "writes counted by the manager vs recorded by kcp")
	require.Zero(t, conflicts(t, ms), "conflicts")
	require.Zero(t, framework.SumForTest(t, ms, "workqueue_depth", queue))
	problems, err := m.LogProblems()
	require.NoError(t, err)
	require.Empty(t, problems, "the manager logged above info")
	f.requireQuiet(t)
}
