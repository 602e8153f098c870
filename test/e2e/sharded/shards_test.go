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
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// endpointSeries is a per-endpoint metric's series for url.
func endpointSeries(name, url string, labels ...string) string {
	series := fmt.Sprintf(`kcp_synctarget_endpoint_%s{endpoint=%q`, name, url)
	for _, l := range labels {
		series += "," + l
	}
	return series + "}"
}

// TestEveryShardServed runs one controller for workspaces on both shards:
// every SyncTarget becomes Ready through its own shard's endpoint.
func TestEveryShardServed(t *testing.T) {
	t.Parallel()

	base := adminBase(t)
	client := newClient(t)
	provider := newWorkspace(t, base, "e2e-provider", "root")
	controller := startAdminController(t, "controller", provider)
	waitForExport(t, base, provider)

	var refs []objectRef
	perShard := map[int][]objectRef{}
	for i, shard := range kcpServer.ShardNames() {
		consumer := newConsumer(t, base, provider, shard)
		perShard[i] = createSyncTargets(t, client, consumer, "st", 2)
		refs = append(refs, perShard[i]...)
	}
	start := time.Now()
	versions := waitForReady(t, client, refs, timeout)
	t.Logf("%d SyncTargets on %d shards Ready in %s", len(refs), len(perShard), time.Since(start).Round(time.Millisecond))

	controller.waitFor(t, "kcp_synctarget_endpoint_runners", len(perShard))
	for i, shardRefs := range perShard {
		url := endpointOf(t, base, provider, i)
		controller.waitFor(t, endpointSeries("synced", url), 1)
		require.Equal(t, len(shardRefs), controller.value(t, endpointSeries("status_writes_total", url, `ready="true"`)),
			"every write for shard %d went through its own endpoint", i)
		require.Equal(t, len(shardRefs), controller.value(t, endpointSeries("synctargets", url, `ready="true"`)))
	}
	require.Equal(t, len(refs), controller.value(t, `kcp_synctarget_status_writes_total{ready="true"}`))
	require.Zero(t, controller.value(t, "kcp_synctarget_status_conflicts_total"))
	require.Equal(t, 1, controller.value(t, "kcp_synctarget_leader"))

	t.Log("steady state costs zero writes on every shard")
	requireNoWrites(t, client, versions, 5*time.Second)
	require.Equal(t, len(refs), controller.value(t, `kcp_synctarget_status_writes_total{ready="true"}`))
}
