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

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// missedPatches selects kcp's count of SyncTarget patches that found no
// object (404). kcp counts a request through a virtual workspace there too.
var missedPatches = map[string]string{"resource": "synctargets", "verb": "PATCH", "code": "404"}

// TestDeletesDuringReconcile deletes half of 1000 SyncTargets while the
// manager works through them, then the other half once all are Ready. A
// deleted object is dropped: no failed sync, no conflict, no retry. A patch
// can meet its object's delete only while that object waits for its first
// write; once everything is Ready, deletes cost not a single patch.
func TestDeletesDuringReconcile(t *testing.T) {
	t.Parallel()

	const count, deletes = 1000, 500
	// A kcp of its own, so that its request counters count this test alone.
	k := framework.StartKCPForTest(t)
	f := newFixture(t, k, 2)
	load := f.load("deleted", count, 10)
	_, err := load.Create(t.Context(), f.client)
	require.NoError(t, err)

	t.Log("kcp counts a status patch through the virtual workspace that finds no SyncTarget")
	ws, name := load.Target(0)
	st, err := f.client.Cluster(ws).WorkloadV1alpha1().SyncTargets().Get(t.Context(), name, metav1.GetOptions{})
	require.NoError(t, err)
	_, err = f.vwClient.Cluster(logicalcluster.From(st).Path()).WorkloadV1alpha1().SyncTargets().
		Patch(t.Context(), "never-created", types.MergePatchType, []byte(`{"status":{}}`), metav1.PatchOptions{}, "status")
	require.True(t, apierrors.IsNotFound(err), "patching a missing SyncTarget: %v", err)
	missed := func() int {
		return int(framework.SumForTest(t, kcpMetrics(t, k), "apiserver_request_total", missedPatches)) - 1
	}
	require.Zero(t, missed())

	t.Log("half of the objects deleted while the manager makes them Ready")
	m := f.startManager(t)
	deleteEvery(t, f, load, 1) // Every other object, so deletes meet the workers.
	total, err := f.rec.WaitFor(t.Context(), converge, func(t framework.Totals) bool {
		return t.Deleted == deletes && t.Ready == count-deletes
	})
	require.NoError(t, err)
	waitDrained(t, m)
	ms := metrics(t, m)
	raced, unready := missed(), 0
	for _, rec := range f.rec.Snapshot() {
		if rec.Deleted && rec.FirstReady.IsZero() {
			unready++
		}
	}
	t.Logf("%d writes; %d deleted objects never seen Ready; %d patches met their object's delete (404)", writes(t, ms), unready, raced)
	require.Equal(t, total.Writes, writes(t, ms), "writes counted by the manager vs recorded by kcp")
	require.LessOrEqual(t, raced, unready, "404s beyond the deletes that can race with a first write")
	requireNoFailures(t, m)

	t.Log("the other half deleted once every object is Ready: not one patch")
	deleteEvery(t, f, load, 0)
	_, err = f.rec.WaitFor(t.Context(), converge, func(t framework.Totals) bool { return t.Deleted == count })
	require.NoError(t, err)
	waitDrained(t, m)
	f.requireQuiet(t)
	require.Equal(t, raced, missed(), "status patches of deleted Ready SyncTargets (404)")
	require.Equal(t, total.Writes, writes(t, metrics(t, m)), "writes after the second round of deletes")
	requireNoFailures(t, m)
}

// deleteEvery deletes the objects 2i+offset of load.
func deleteEvery(t *testing.T, f *fixture, load framework.Load, offset int) {
	t.Helper()
	err := framework.Parallel(t.Context(), load.Count/2, 10, func(ctx context.Context, i int) error {
		ws, name := load.Target(2*i + offset)
		return f.client.Cluster(ws).WorkloadV1alpha1().SyncTargets().Delete(ctx, name, metav1.DeleteOptions{})
	})
	require.NoError(t, err)
}

// requireNoFailures asserts the manager had no conflict (409), no failed sync
// (requeued with rate limiting: a retry), nothing queued, and no data race
// or panic report.
func requireNoFailures(t *testing.T, m *framework.Manager) {
	t.Helper()
	ms := metrics(t, m)
	require.Zero(t, conflicts(t, ms), "conflicts")
	require.Zero(t, framework.SumForTest(t, ms, "workqueue_retries_total", queue), "failed syncs")
	require.Zero(t, framework.SumForTest(t, ms, "workqueue_depth", queue))
	crashes, err := m.CrashReports()
	require.NoError(t, err)
	require.Empty(t, crashes, "the manager reported a data race or a panic")
}
