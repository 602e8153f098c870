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
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	workloadv1alpha1client "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/typed/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestRestartWritesNothing: kcp restarted on the same root directory processes
// every already-Ready SyncTarget again and writes none of them.
func TestRestartWritesNothing(t *testing.T) {
	t.Parallel()

	k := startInTreeKCP(t, gateOn)
	names, prefixes := []string{"one", "two"}, []string{"restart-a", "restart-b"}
	workspaces := make([]logicalcluster.Path, 0, len(prefixes))
	before := make([]map[string]string, 0, len(prefixes))
	for _, prefix := range prefixes {
		ws, c := boundWorkspacePath(t, k, prefix)
		for _, name := range names {
			createSyncTarget(t, c, name, "root:"+prefix)
		}
		for _, name := range names {
			requireReady(t, c, name)
		}
		workspaces = append(workspaces, ws)
		before = append(before, resourceVersions(t, c))
	}

	// A fresh watch cache cannot replay history from before the restart, so
	// watch from now on and compare every object's resourceVersion at the end.
	k = framework.RestartKCPForTest(t, k)
	base, err := k.BaseConfig()
	require.NoError(t, err)
	clients := make([]workloadv1alpha1client.SyncTargetInterface, 0, len(workspaces))
	recorders := make([]*writeRecorder, 0, len(workspaces))
	for _, ws := range workspaces {
		c := syncTargets(t, base, ws)
		clients = append(clients, c)
		recorders = append(recorders, recordWrites(t, c, listResourceVersion(t, c)))
	}
	requireQueueDrained(t, k, float64(len(workspaces)*len(names)))
	requireNoWrites(t, quietWindow, recorders...)
	for i, c := range clients {
		require.Equal(t, before[i], resourceVersions(t, c), "resourceVersions in %s changed over the restart", workspaces[i])
	}

	// Still serving: a SyncTarget created after the restart becomes Ready.
	createSyncTarget(t, clients[0], "after-restart", "root:restart-a")
	requireReady(t, clients[0], "after-restart")
}

// requireQueueDrained waits until the in-tree controller's queue took at least
// adds items and has none queued or in progress.
func requireQueueDrained(t *testing.T, k *framework.KCP, adds float64) {
	t.Helper()
	var last string
	err := wait.PollUntilContextTimeout(t.Context(), tick, 2*timeout, true, func(ctx context.Context) (bool, error) {
		metrics, err := k.Metrics(ctx)
		if err != nil {
			last = err.Error()
			return false, nil //nolint:nilerr // Not answering yet: keep polling, last is reported on timeout.
		}
		got := map[string]float64{}
		for _, metric := range []string{"workqueue_adds_total", "workqueue_depth", "workqueue_unfinished_work_seconds"} {
			if v, ok := framework.WorkqueueMetric(metrics, metric, queueName); ok {
				got[metric] = v
			}
		}
		last = fmt.Sprint(got)
		return len(got) == 3 && got["workqueue_adds_total"] >= adds &&
			got["workqueue_depth"] == 0 && got["workqueue_unfinished_work_seconds"] == 0, nil
	})
	require.NoError(t, err, "queue %s never drained after %v adds (last: %s)", queueName, adds, last)
}

// TestGateOffRunsNoController: the same binary without the feature gate runs
// no SyncTarget controller and binds no shard to the export, though it serves the API.
func TestGateOffRunsNoController(t *testing.T) {
	t.Parallel()

	k := startInTreeKCP(t)
	shardAdmin, err := k.ShardAdminConfig() // system:shard is the shard admin's
	require.NoError(t, err)
	kcpClient, err := kcpclientset.NewForConfig(shardAdmin)
	require.NoError(t, err)
	_, err = kcpClient.Cluster(shardPath).ApisV1alpha2().APIBindings().Get(t.Context(), exportName, metav1.GetOptions{})
	require.True(t, apierrors.IsNotFound(err), "the shard is not bound without the gate, got %v", err)

	c := boundWorkspace(t, k, "gate-off")
	createSyncTarget(t, c, "unserved", "root:gate-off")
	unwritten := func(ctx context.Context) (bool, error) {
		st, err := c.Get(ctx, "unserved", metav1.GetOptions{})
		if err != nil {
			return false, nil //nolint:nilerr // A failed poll proves nothing; the final Get below must succeed.
		}
		if len(st.Status.Conditions) > 0 || st.Status.LastSyncTime != nil {
			return false, fmt.Errorf("status written without the gate: %+v", st.Status)
		}
		return false, nil
	}
	err = wait.PollUntilContextTimeout(t.Context(), tick, quietWindow, true, unwritten)
	require.True(t, wait.Interrupted(err), "%v", err)
	st, err := c.Get(t.Context(), "unserved", metav1.GetOptions{})
	require.NoError(t, err)
	require.Empty(t, st.Status.Conditions)
	require.Nil(t, st.Status.LastSyncTime)

	metrics, err := k.Metrics(t.Context())
	require.NoError(t, err)
	_, found := framework.WorkqueueMetric(metrics, "workqueue_adds_total", queueName)
	require.False(t, found, "queue %s exists without the gate", queueName)
}
