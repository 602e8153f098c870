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
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestKCPRestart stops kcp while SyncTargets are being created and starts it
// again on the same data directory and ports, first cleanly (SIGTERM), then
// as after a crash (SIGKILL). The manager is not restarted: it must
// reconnect on its own and finish the job without losing or double-writing
// anything.
func TestKCPRestart(t *testing.T) {
	t.Parallel()

	// Not StartKCPForTest: its cleanup would stop the first kcp, whose stop
	// the first subtest already reported. This one stops the current one.
	k, err := framework.StartKCP(t.Context(), t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last 50 lines of %s:\n%s", k.LogPath(), k.LogTail(50))
		}
		_ = k.Stop()
	})
	// Not parallel: each subtest restarts the kcp the next one uses.
	for _, kill := range []bool{false, true} {
		name := map[bool]string{false: "SIGTERM", true: "SIGKILL"}[kill]
		ok := t.Run(name, func(t *testing.T) {
			restartDuringLoad(t, k, func() {
				if kill {
					require.NoError(t, k.Kill())
				} else {
					// Stop fails with ErrIgnoredSIGTERM if kcp was still
					// running after its grace and had to be killed: then
					// this was no SIGTERM restart.
					start := time.Now()
					require.NoError(t, k.Stop(), "kcp must exit on SIGTERM within its grace")
					t.Logf("kcp exited %s after SIGTERM", time.Since(start).Round(time.Millisecond))
				}
				restarted, err := k.StartAgain(t.Context())
				require.NoError(t, err, "starting kcp again")
				k = restarted // The next subtest and the cleanup use it.
			})
		})
		if !ok {
			break // The next subtest would find no kcp.
		}
	}
}

// restartDuringLoad creates SyncTargets on k through a kcp restart done by
// restart and checks the outcome.
func restartDuringLoad(t *testing.T, k *framework.KCP, restart func()) {
	const count = 300
	f := newFixture(t, k, 2)
	// While kcp is down the leader cannot renew its Lease; with the default
	// 10 s deadline it would give up leading and exit, by design. Here it
	// must ride the restart out, so its deadline outlasts kcp's downtime.
	m := f.startManager(t, "--leader-elect-lease-duration=3m", "--leader-elect-renew-deadline=150s")

	var created atomic.Int64
	load := f.load("restart", count, 2)
	load.Created = func(*workloadv1alpha1.SyncTarget) { created.Add(1) }
	loaded := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(t.Context(), converge)
		defer cancel()
		_, err := load.Create(ctx, f.client)
		loaded <- err
	}()
	_, err := f.rec.WaitFor(t.Context(), converge, func(t framework.Totals) bool { return t.Objects >= count/3 && t.Ready > 0 })
	require.NoError(t, err)
	t.Logf("restarting kcp with %d SyncTargets created, %d Ready", f.rec.Totals().Objects, f.rec.Totals().Ready)
	restart()
	select {
	case err := <-loaded:
		require.NoError(t, err, "creating SyncTargets through the restart")
	case <-time.After(converge):
		require.Fail(t, "creating SyncTargets did not finish after the restart")
	}
	require.Equal(t, int64(count), created.Load())

	_, err = f.rec.WaitFor(t.Context(), converge, func(t framework.Totals) bool { return t.Ready == count })
	require.NoError(t, err, "not every SyncTarget became Ready after the restart")
	select {
	case <-m.Exited():
		require.Fail(t, "the manager exited instead of reconnecting", m.LogTail(20))
	default:
	}
	waitDrained(t, m)

	t.Log("nothing lost: every acknowledged create is in kcp")
	for _, ws := range f.consumers {
		list, err := f.client.Cluster(ws).WorkloadV1alpha1().SyncTargets().List(t.Context(), metav1.ListOptions{})
		require.NoError(t, err)
		require.Len(t, list.Items, count/len(f.consumers), "SyncTargets in %s", ws)
	}

	t.Log("no object written twice for its generation")
	relisted := f.rec.Relists() > 0
	for key, rec := range f.rec.Snapshot() {
		require.Equal(t, int64(1), rec.Generation, "%v", key)
		require.Zero(t, rec.ReadyWrites, "%v was written while Ready already", key)
		require.LessOrEqual(t, rec.Writes, 1, "%v written more than once", key)
		if !relisted {
			require.Equal(t, 1, rec.Writes, "%v", key)
		}
	}
	ms := metrics(t, m)
	conflicts := conflicts(t, ms)
	t.Logf("manager: %d writes, %d conflicts; recorder relisted %d times", writes(t, ms), conflicts, f.rec.Relists())
	// A write kcp applied but whose answer the restart lost is not counted
	// by the manager; its retry carries the old resourceVersion and is
	// refused (a conflict), or finds the status right already.
	require.LessOrEqual(t, writes(t, ms), count)
	f.requireQuiet(t)
}
