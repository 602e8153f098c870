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
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	workloadv1alpha1client "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/typed/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	exportName = "workload.kcp.io"
	queueName  = "kcp-synctarget" // synctarget.ControllerName, the name of its workqueue.
	timeout    = framework.ConvergeTimeout
	tick       = 100 * time.Millisecond
	// quietWindow is how long a test watches for writes that must not come.
	quietWindow = 10 * time.Second
)

var (
	rootPath  = logicalcluster.NewPath("root")
	shardPath = logicalcluster.NewPath("system:shard") // every shard binds the export here
)

// startInTreeKCP starts a kcp of its own for one test from the in-tree binary.
func startInTreeKCP(t *testing.T, args ...string) *framework.KCP {
	t.Helper()
	return framework.StartKCPWithOptionsForTest(t, framework.Options{Binary: inTreeBin, Args: args})
}

// boundWorkspace creates a workspace bound to root's workload.kcp.io export and
// returns a SyncTarget client for it.
func boundWorkspace(t *testing.T, k *framework.KCP, prefix string) workloadv1alpha1client.SyncTargetInterface {
	t.Helper()
	_, c := boundWorkspacePath(t, k, prefix)
	return c
}

// boundWorkspacePath is boundWorkspace that also returns the workspace's path.
func boundWorkspacePath(t *testing.T, k *framework.KCP, prefix string) (logicalcluster.Path, workloadv1alpha1client.SyncTargetInterface) {
	t.Helper()
	base, err := k.BaseConfig()
	require.NoError(t, err)
	ws := framework.NewWorkspaceForTest(t, base, rootPath, prefix)
	require.NoError(t, framework.BindAPIExport(t.Context(), base, ws, rootPath, exportName))
	return ws, syncTargets(t, base, ws)
}

func syncTargets(t *testing.T, base *rest.Config, ws logicalcluster.Path) workloadv1alpha1client.SyncTargetInterface {
	t.Helper()
	client, err := workloadclientset.NewForConfig(base)
	require.NoError(t, err)
	return client.Cluster(ws).WorkloadV1alpha1().SyncTargets()
}

func createSyncTarget(t *testing.T, c workloadv1alpha1client.SyncTargetInterface, name, kcpCluster string) *workloadv1alpha1.SyncTarget {
	t.Helper()
	st := &workloadv1alpha1.SyncTarget{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: kcpCluster},
	}
	created, err := c.Create(t.Context(), st, metav1.CreateOptions{})
	require.NoError(t, err)
	return created
}

// requireReady waits until the SyncTarget name is Ready for its current
// generation, with a LastSyncTime, and returns it.
func requireReady(t *testing.T, c workloadv1alpha1client.SyncTargetInterface, name string) *workloadv1alpha1.SyncTarget {
	t.Helper()
	var got *workloadv1alpha1.SyncTarget
	require.EventuallyWithT(t, func(collect *assert.CollectT) {
		st, err := c.Get(t.Context(), name, metav1.GetOptions{})
		require.NoError(collect, err)
		cond := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
		require.NotNil(collect, cond, "no Ready condition yet")
		require.Equal(collect, metav1.ConditionTrue, cond.Status)
		require.Equal(collect, workloadv1alpha1.SyncTargetReadyReason, cond.Reason)
		require.Equal(collect, st.Generation, cond.ObservedGeneration)
		require.NotNil(collect, st.Status.LastSyncTime)
		got = st
	}, timeout, tick, "SyncTarget %s never became Ready", name)
	return got
}

// listResourceVersion returns the resourceVersion of a list of c's SyncTargets.
func listResourceVersion(t *testing.T, c workloadv1alpha1client.SyncTargetInterface) string {
	t.Helper()
	list, err := c.List(t.Context(), metav1.ListOptions{})
	require.NoError(t, err)
	return list.ResourceVersion
}

// resourceVersions returns the resourceVersion of each of c's SyncTargets, by name.
func resourceVersions(t *testing.T, c workloadv1alpha1client.SyncTargetInterface) map[string]string {
	t.Helper()
	list, err := c.List(t.Context(), metav1.ListOptions{})
	require.NoError(t, err)
	out := make(map[string]string, len(list.Items))
	for _, st := range list.Items {
		out[st.Name] = st.ResourceVersion
	}
	return out
}
