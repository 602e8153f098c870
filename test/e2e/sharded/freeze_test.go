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

package sharded

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// freezeFor is how long the test keeps shard-1's kcp stopped.
const freezeFor = 60 * time.Second

// TestFrozenShard stops shard-1's kcp (SIGSTOP) for a minute: SyncTargets
// created meanwhile on the root shard become Ready in normal time; after
// SIGCONT shard-1's objects converge with exactly one write each.
//
//nolint:paralleltest // It freezes a shard every other test uses: it must run alone.
func TestFrozenShard(t *testing.T) {
	base := adminBase(t)
	client := newClient(t)
	provider := newWorkspace(t, base, "e2e-provider", "root")
	controller := startAdminController(t, "controller", provider)
	waitForExport(t, base, provider)
	onRoot := newConsumer(t, base, provider, "root")
	onShard1 := newConsumer(t, base, provider, "shard-1")
	rootRefs := createSyncTargets(t, client, onRoot, "before", 1)
	shard1Refs := createSyncTargets(t, client, onShard1, "before", 1)
	waitForReady(t, client, append(rootRefs, shard1Refs...), timeout)
	rootURL, shard1URL := endpointOf(t, base, provider, 0), endpointOf(t, base, provider, 1)

	pid, err := kcpServer.ShardPID(1)
	require.NoError(t, err)
	writes := countWrites(t, client, onShard1)
	t.Logf("SIGSTOP shard-1's kcp (pid %d) for %s, right after creating 3 more SyncTargets there", pid, freezeFor)
	frozenRefs := createSyncTargets(t, client, onShard1, "frozen", 3)
	shard1Refs = append(shard1Refs, frozenRefs...)
	require.NoError(t, syscall.Kill(pid, syscall.SIGSTOP))
	frozen := time.Now()
	resumed := false
	resume := func() {
		if !resumed {
			resumed = true
			require.NoError(t, syscall.Kill(pid, syscall.SIGCONT))
		}
	}
	t.Cleanup(resume)

	for i, at := range []time.Duration{5 * time.Second, 25 * time.Second, 45 * time.Second} {
		waitUntil(t, frozen.Add(at))
		start := time.Now()
		refs := createSyncTargets(t, client, onRoot, "during-"+string(rune('a'+i)), 1)
		waitForReady(t, client, refs, 10*time.Second)
		t.Logf("%s into the freeze: a SyncTarget on the root shard was Ready %s after its creation",
			time.Since(frozen).Round(time.Second), time.Since(start).Round(time.Millisecond))
		rootRefs = append(rootRefs, refs...)
	}
	require.Equal(t, 1, controller.value(t, "kcp_synctarget_leader"), "the leader kept its Lease")
	waitUntil(t, frozen.Add(freezeFor))
	resume()
	t.Log("SIGCONT: shard-1's objects converge")
	start := time.Now()
	versions := waitForReady(t, client, shard1Refs, timeout)
	t.Logf("shard-1's SyncTargets Ready %s after SIGCONT", time.Since(start).Round(time.Millisecond))
	requireNoWrites(t, client, versions, 5*time.Second)
	want := map[string]int{}
	for _, ref := range frozenRefs {
		want[ref.name] = 1
	}
	require.EventuallyWithT(t, func(c *assert.CollectT) { assert.Equal(c, want, writes.get()) }, timeout, tick,
		"shard-1 stored exactly one write per new object, none to the one Ready before")
	// A write that shard-1 stored but never answered counts for kcp, not for
	// the controller; its retry then meets a 409 or finds nothing to do.
	t.Logf("the controller saw %d writes to shard-1's %d objects succeed (%d conflicts)",
		controller.value(t, endpointSeries("status_writes_total", shard1URL, `ready="true"`)), len(shard1Refs),
		controller.value(t, "kcp_synctarget_status_conflicts_total"))
	require.Equal(t, len(rootRefs), controller.value(t, endpointSeries("status_writes_total", rootURL, `ready="true"`)),
		"the root shard was served as usual")
}

// waitUntil returns at deadline: the scenario's clock, not a synchronisation.
func waitUntil(t *testing.T, deadline time.Time) {
	t.Helper()
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-t.Context().Done():
		t.FailNow()
	}
}
