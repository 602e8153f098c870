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

package intree

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/discovery"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const timeout = 60 * time.Second

var rootPath = logicalcluster.NewPath("root")

// TestEveryShardRunsTheController places a workspace on each shard, binds it
// to root's workload.kcp.io export and creates a SyncTarget there: each
// becomes Ready, reconciled by the controller inside the kcp process of the
// shard that holds it.
func TestEveryShardRunsTheController(t *testing.T) {
	t.Parallel()

	base, err := kcpServer.BaseConfig()
	require.NoError(t, err)
	client, err := workloadclientset.NewForConfig(base)
	require.NoError(t, err)

	for i, shard := range kcpServer.ShardNames() {
		t.Run(shard, func(t *testing.T) {
			t.Parallel()

			ws, err := framework.CreateWorkspaceOnShard(t.Context(), base, rootPath, framework.RandomName("intree-"+shard), shard)
			require.NoError(t, err)
			require.Equal(t, i, shardOf(t, ws), "the workspace must live on shard %s", shard)
			require.NoError(t, framework.BindAPIExport(t.Context(), base, ws, rootPath, "workload.kcp.io"))
			addsBefore := queueAdds(t, i)

			syncTargets := client.Cluster(ws).WorkloadV1alpha1().SyncTargets()
			st := &workloadv1alpha1.SyncTarget{
				ObjectMeta: metav1.ObjectMeta{Name: "east-1"},
				Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: ws.String()},
			}
			_, err = syncTargets.Create(t.Context(), st, metav1.CreateOptions{})
			require.NoError(t, err)

			start := time.Now()
			require.EventuallyWithT(t, func(c *assert.CollectT) {
				got, err := syncTargets.Get(t.Context(), st.Name, metav1.GetOptions{})
				require.NoError(c, err)
				require.True(c, meta.IsStatusConditionTrue(got.Status.Conditions, workloadv1alpha1.ReadyCondition), "not Ready yet")
				require.NotNil(c, got.Status.LastSyncTime)
			}, timeout, 100*time.Millisecond, "SyncTarget in %s on shard %s never became Ready", ws, shard)
			t.Logf("SyncTarget in %s on shard %s Ready in %s", ws, shard, time.Since(start).Round(time.Millisecond))
			require.Greater(t, queueAdds(t, i), addsBefore, "shard %s's own controller queued the SyncTarget", shard)
		})
	}
}

// shardOf returns the index of the shard holding ws's logical cluster, asking
// each shard directly.
func shardOf(t *testing.T, ws logicalcluster.Path) int {
	t.Helper()
	base, err := kcpServer.BaseConfig()
	require.NoError(t, err)
	client, err := kcpclientset.NewForConfig(base)
	require.NoError(t, err)
	parent, name := ws.Split()
	got, err := client.Cluster(parent).TenancyV1alpha1().Workspaces().Get(t.Context(), name, metav1.GetOptions{})
	require.NoError(t, err)
	holder := -1
	for i := range kcpServer.ShardNames() {
		cfg, err := kcpServer.ShardConfig(i)
		require.NoError(t, err)
		shardClient, err := kcpclientset.NewForConfig(cfg)
		require.NoError(t, err)
		_, err = shardClient.Cluster(logicalcluster.NewPath(got.Spec.Cluster)).CoreV1alpha1().LogicalClusters().
			Get(t.Context(), "cluster", metav1.GetOptions{})
		if err == nil {
			require.Equal(t, -1, holder, "two shards hold %s", ws)
			holder = i
		}
	}
	return holder
}

// queueAdds reads the controller's workqueue_adds_total from shard i's own
// /metrics (0 while the queue has seen nothing).
func queueAdds(t *testing.T, i int) float64 {
	t.Helper()
	cfg, err := kcpServer.ShardConfig(i)
	require.NoError(t, err)
	client, err := discovery.NewDiscoveryClientForConfig(cfg)
	require.NoError(t, err)
	body, err := client.RESTClient().Get().AbsPath("/metrics").DoRaw(t.Context())
	require.NoError(t, err)
	adds, _ := framework.WorkqueueMetric(string(body), "workqueue_adds_total", synctarget.ControllerName)
	return adds
}
