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
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestLeaderFailover runs two replicas: one leads, the standby writes
// nothing; SIGKILL the leader and the standby takes the Lease over within
// the bounds its timings allow (takeoverBounds), serves what was created
// meanwhile and rewrites nothing.
func TestLeaderFailover(t *testing.T) {
	t.Parallel()

	base := adminBase(t)
	client := newClient(t)
	provider := newWorkspace(t, base, "e2e-provider", "root")
	first := startAdminController(t, "replica-1", provider, electionArgs()...)
	waitForExport(t, base, provider)
	second := startAdminController(t, "replica-2", provider, electionArgs()...)

	consumers := make([]objectRef, 0, len(kcpServer.ShardNames()))
	refs := make([]objectRef, 0, 2*len(kcpServer.ShardNames()))
	for _, shard := range kcpServer.ShardNames() {
		ws := newConsumer(t, base, provider, shard)
		consumers = append(consumers, objectRef{ws: ws})
		refs = append(refs, createSyncTargets(t, client, ws, "st", 2)...)
	}
	versions := waitForReady(t, client, refs, timeout)

	t.Log("exactly one replica leads; the standby is ready and writes nothing")
	require.Eventually(t, func() bool {
		a, errA := first.metric(t.Context(), "kcp_synctarget_leader")
		b, errB := second.metric(t.Context(), "kcp_synctarget_leader")
		return errA == nil && errB == nil && a+b == 1
	}, timeout, tick, "not exactly one leader")
	leader, standby := first, second
	if first.value(t, "kcp_synctarget_leader") == 0 {
		leader, standby = second, first
	}
	require.Equal(t, len(refs), leader.value(t, `kcp_synctarget_status_writes_total{ready="true"}`))
	for _, series := range []string{`kcp_synctarget_status_writes_total{ready="true"}`, `kcp_synctarget_status_writes_total{ready="false"}`,
		"kcp_synctarget_endpoint_runners", "kcp_synctarget_endpoint_runner_starts_total"} {
		require.Zero(t, standby.value(t, series), "standby: %s", series)
	}
	requireNoWrites(t, client, versions, 3*time.Second)
	require.Zero(t, leader.value(t, "kcp_synctarget_status_conflicts_total"), "no conflicts in steady state")

	lease := leaseClient(t, base, provider)
	held, err := lease(t.Context())
	require.NoError(t, err)
	require.NotNil(t, held.Spec.HolderIdentity)

	t.Logf("SIGKILL the leader %s (holder %s)", leader.name, *held.Spec.HolderIdentity)
	killed := time.Now()
	leader.kill(t)
	created := make([]objectRef, 0, len(consumers))
	for _, c := range consumers {
		created = append(created, createSyncTargets(t, client, c.ws, "meanwhile", 1)...)
	}
	lo, hi := takeoverBounds()
	tk := waitForTakeover(t, lease, *held.Spec.HolderIdentity, hi+timeout)
	t.Logf("take-over: acquireTime - last renewTime = %s, bounds [%s, %s] (lease %s, renew deadline %s, retry period %s)",
		tk.duration().Round(time.Millisecond), lo, hi, election.LeaseDuration, election.RenewDeadline, election.RetryPeriod)
	require.GreaterOrEqual(t, tk.duration(), lo, "the Lease was taken before it expired")
	require.LessOrEqual(t, tk.duration(), hi)
	standby.waitFor(t, "kcp_synctarget_leader", 1)

	waitForReady(t, client, created, timeout)
	t.Logf("objects created during the fail-over Ready %s after the SIGKILL", time.Since(killed).Round(time.Millisecond))
	require.Empty(t, changed(t, client, versions), "an already Ready object was written across the fail-over")
	require.Equal(t, len(created), standby.value(t, `kcp_synctarget_status_writes_total{ready="true"}`),
		"the new leader wrote only the new objects")
	require.Zero(t, standby.value(t, "kcp_synctarget_status_conflicts_total"))
}
