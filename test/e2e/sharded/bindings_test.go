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

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestBindingAddedLaterAndRemoved changes the bindings under a running
// controller: a shard's first binding starts its runner, its last binding's
// deletion stops it, rebinding starts it again; nothing restarts, nothing is
// written needlessly.
func TestBindingAddedLaterAndRemoved(t *testing.T) {
	t.Parallel()

	base := adminBase(t)
	client := newClient(t)
	kcpClient, err := kcpclientset.NewForConfig(base)
	require.NoError(t, err)
	provider := newWorkspace(t, base, "e2e-provider", "root")
	controller := startAdminController(t, "controller", provider)
	waitForExport(t, base, provider)
	var seen []int
	runners := func(want int) {
		controller.waitFor(t, "kcp_synctarget_endpoint_runners", want)
		seen = append(seen, want)
	}

	t.Log("a binding on the root shard only: one runner")
	onRoot := newConsumer(t, base, provider, "root")
	rootRefs := createSyncTargets(t, client, onRoot, "st", 1)
	rootVersions := waitForReady(t, client, rootRefs, timeout)
	runners(1)

	t.Log("a first binding on shard-1, later: its SyncTargets are served without a restart")
	later := newWorkspace(t, base, "e2e-later", "shard-1")
	require.NoError(t, framework.BindAPIExport(t.Context(), base, later, provider, exportName))
	start := time.Now()
	laterRefs := createSyncTargets(t, client, later, "st", 1)
	waitForReady(t, client, laterRefs, timeout)
	t.Logf("the SyncTarget on shard-1 was Ready %s after its creation", time.Since(start).Round(time.Millisecond))
	runners(2)
	require.Equal(t, 2, controller.value(t, "kcp_synctarget_endpoint_runner_starts_total"))
	writes := controller.value(t, `kcp_synctarget_status_writes_total{ready="true"}`)
	require.Equal(t, 2, writes)

	t.Log("deleting shard-1's last binding stops its runner, not the root shard's: no failed sync, no writes")
	rootURL, shard1URL := endpointOf(t, base, provider, 0), endpointOf(t, base, provider, 1)
	require.NoError(t, client.Cluster(later).WorkloadV1alpha1().SyncTargets().Delete(t.Context(), laterRefs[0].name, metav1.DeleteOptions{}))
	require.NoError(t, kcpClient.Cluster(later).ApisV1alpha2().APIBindings().Delete(t.Context(), exportName, metav1.DeleteOptions{}))
	runners(1)
	_, err = controller.metric(t.Context(), endpointSeries("synced", shard1URL))
	require.Error(t, err, "the stopped runner's series are gone")
	require.Equal(t, 1, controller.value(t, endpointSeries("synced", rootURL)), "the root shard's runner serves on")
	require.Equal(t, 2, controller.value(t, "kcp_synctarget_endpoint_runner_starts_total"), "no runner started meanwhile")
	require.Equal(t, writes, controller.value(t, `kcp_synctarget_status_writes_total{ready="true"}`), "counts survive the runner")
	requireNoWrites(t, client, rootVersions, 3*time.Second)

	t.Log("binding shard-1 again starts a new runner")
	require.NoError(t, framework.BindAPIExport(t.Context(), base, later, provider, exportName))
	again := createSyncTargets(t, client, later, "again", 1)
	waitForReady(t, client, again, timeout)
	runners(2)
	require.Equal(t, 3, controller.value(t, "kcp_synctarget_endpoint_runner_starts_total"))
	require.Equal(t, writes+1, controller.value(t, `kcp_synctarget_status_writes_total{ready="true"}`))
	require.Zero(t, controller.value(t, "kcp_synctarget_status_conflicts_total"))
	// A failed sync (or a conflict) is requeued with rate limiting: none was.
	require.Zero(t, controller.value(t, `workqueue_retries_total{name="kcp-synctarget"}`), "failed syncs")
	t.Logf("runners seen: %v (%v runner starts)", seen, controller.value(t, "kcp_synctarget_endpoint_runner_starts_total"))
}
