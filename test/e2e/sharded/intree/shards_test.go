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

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	"github.com/kcp-dev/kcp/test/e2e/framework"
	"github.com/kcp-dev/kcp/test/e2e/heartbeat/cases"
)

const timeout = 60 * time.Second

var rootPath = logicalcluster.NewPath("root")

// TestEveryShardRunsTheController places a workspace on each shard, bound
// to root's workload.kcp.io export, with two SyncTargets and a live syncer
// for each: all become Ready, each reconciled by the controller inside the
// kcp process of the shard that holds it. Then the last shard's second
// syncer is SIGKILLed: its SyncTarget turns Unknown within the lease + 2 s
// of its last renewal, while every other SyncTarget, on both shards, stays
// Ready and unwritten.
//
//nolint:paralleltest // It kills a syncer and times the others: it runs alone.
func TestEveryShardRunsTheController(t *testing.T) {
	type syncer struct {
		f     *cases.Fixture
		agent cases.Agent
		proc  *framework.Manager
		rv    string
	}
	all := make([]*syncer, 0, 2*len(kcpServer.ShardNames()))
	for i, shard := range kcpServer.ShardNames() {
		e := *env
		e.Bind = func(t *testing.T, base *rest.Config) logicalcluster.Path {
			ws, err := framework.CreateWorkspaceOnShard(t.Context(), base, rootPath, framework.RandomName("hb-"+shard), shard)
			require.NoError(t, err)
			require.Equal(t, i, shardOf(t, ws), "the workspace must live on shard %s", shard)
			require.NoError(t, framework.BindAPIExport(t.Context(), base, ws, rootPath, framework.ExportName))
			return ws
		}
		f := cases.NewFixture(t, &e)
		addsBefore := queueAdds(t, i)
		for _, name := range []string{"east-1", "east-2"} {
			a := cases.Agent{Kubeconfig: f.CreateSyncTarget(t, name), SyncTarget: name, Renew: cases.Renew, Lease: cases.Lease}
			all = append(all, &syncer{f: f, agent: a, proc: a.Start(t, &e, shard+"-"+name)})
		}
		for _, s := range all[len(all)-2:] {
			f.WaitFor(t, s.agent.SyncTarget, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, timeout)
		}
		require.Greater(t, queueAdds(t, i), addsBefore, "shard %s's own controller queued its SyncTargets", shard)
	}
	for _, s := range all {
		_, st := s.f.Ready(t, s.agent.SyncTarget)
		s.rv = st.ResourceVersion
	}

	dead := all[len(all)-1]
	require.NoError(t, dead.proc.Kill())
	last := dead.f.LastRenewal(t, dead.agent)
	unknownAt := dead.f.WaitFor(t, dead.agent.SyncTarget, metav1.ConditionUnknown, workloadv1alpha1.SyncerHeartbeatExpiredReason, cases.Lease+timeout)
	t.Logf("the dead syncer's SyncTarget was Unknown %s after its last renewal (lease %s)", unknownAt.Sub(last), cases.Lease)
	require.GreaterOrEqual(t, unknownAt.Sub(last), cases.Lease-cases.Poll)
	require.LessOrEqual(t, unknownAt.Sub(last), cases.Lease+cases.Slack)
	for _, s := range all[:len(all)-1] {
		cond, st := s.f.Ready(t, s.agent.SyncTarget)
		require.Equal(t, metav1.ConditionTrue, cond.Status, "%s in %s", s.agent.SyncTarget, s.f.Consumer)
		require.Equal(t, s.rv, st.ResourceVersion, "%s in %s was written", s.agent.SyncTarget, s.f.Consumer)
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
