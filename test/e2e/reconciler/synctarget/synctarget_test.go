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

package synctarget

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// steadyWindow is how long the tests watch for writes that must not happen.
const steadyWindow = 10 * time.Second

type objectRef struct {
	ws   logicalcluster.Path
	name string
}

func newSyncTarget(name, kcpCluster string, exports ...string) *workloadv1alpha1.SyncTarget {
	return &workloadv1alpha1.SyncTarget{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: kcpCluster, SupportedAPIExports: exports},
	}
}

// TestSyncTargetLifecycle runs the controller against SyncTargets in two
// workspaces: they become Ready, follow spec changes, cost no writes in steady
// state or across a restart, and are deleted cleanly.
func TestSyncTargetLifecycle(t *testing.T) {
	t.Parallel()

	base, err := kcpServer.BaseConfig()
	require.NoError(t, err)
	client, err := workloadclientset.NewForConfig(base)
	require.NoError(t, err)
	provider := framework.NewWorkspaceForTest(t, base, logicalcluster.NewPath("root"), "e2e-provider")

	controller := startController(t, kcpServer.AdminKubeconfig(), "root", provider, true)
	waitForExport(t, base, provider)
	east := newConsumer(t, base, provider, "e2e-east")
	west := newConsumer(t, base, provider, "e2e-west")
	controller.waitReady(t)

	refs := []objectRef{{east, "cluster-1"}, {west, "cluster-1"}, {west, "cluster-2"}}
	for _, ref := range refs {
		st := newSyncTarget(ref.name, ref.ws.String(), "kubernetes", "root:compute:workloads")
		_, err := client.Cluster(ref.ws).WorkloadV1alpha1().SyncTargets().Create(t.Context(), st, metav1.CreateOptions{})
		require.NoError(t, err)
	}

	t.Log("every SyncTarget becomes Ready with ObservedGeneration and LastSyncTime")
	ready := map[objectRef]*workloadv1alpha1.SyncTarget{}
	for _, ref := range refs {
		ready[ref] = waitForReady(t, client, ref, 1)
	}

	t.Log("status writes name the controller as their field manager")
	var managers []string
	for _, mf := range ready[refs[1]].ManagedFields {
		if mf.Subresource == "status" {
			managers = append(managers, mf.Manager)
		}
	}
	require.Equal(t, []string{synctarget.ControllerName}, managers)

	t.Log("a spec update advances ObservedGeneration; Ready stays True and keeps its LastTransitionTime")
	first := refs[0]
	updated := ready[first].DeepCopy()
	updated.Spec.SupportedAPIExports = append(updated.Spec.SupportedAPIExports, "root:extra")
	_, err = client.Cluster(first.ws).WorkloadV1alpha1().SyncTargets().Update(t.Context(), updated, metav1.UpdateOptions{})
	require.NoError(t, err)
	after := waitForReady(t, client, first, 2)
	before := meta.FindStatusCondition(ready[first].Status.Conditions, workloadv1alpha1.ReadyCondition)
	now := meta.FindStatusCondition(after.Status.Conditions, workloadv1alpha1.ReadyCondition)
	require.True(t, before.LastTransitionTime.Equal(&now.LastTransitionTime), "LastTransitionTime moved without a Status change")
	require.False(t, after.Status.LastSyncTime.Before(ready[first].Status.LastSyncTime))
	ready[first] = after

	t.Log("invalid SyncTargets are rejected at admission with a message naming the field")
	for _, f := range samples(t, "invalid-") {
		_, err := client.Cluster(east).WorkloadV1alpha1().SyncTargets().Create(t.Context(), f.st, metav1.CreateOptions{})
		require.Truef(t, apierrors.IsInvalid(err), "%s: want Invalid, got %v", f.name, err)
		require.Containsf(t, err.Error(), "spec.", "%s: the message must name the field: %v", f.name, err)
	}

	writes := int(controller.metric(t, `kcp_synctarget_status_writes_total{ready="true"}`))
	require.Equal(t, len(refs)+1, writes, "one status write per object and one for the spec update")
	require.Zero(t, controller.metric(t, `kcp_synctarget_status_writes_total{ready="false"}`))

	t.Log("steady state costs zero writes")
	requireNoWrites(t, client, ready, steadyWindow)
	require.Equal(t, writes, int(controller.metric(t, `kcp_synctarget_status_writes_total{ready="true"}`)))

	t.Log("a restarted controller re-reads everything and writes nothing")
	controller.stop(t)
	restarted := startController(t, kcpServer.AdminKubeconfig(), "root", provider, true)
	restarted.waitReady(t)
	require.Eventually(t, func() bool {
		return restarted.metricEquals(t.Context(), `kcp_synctarget_synctargets{ready="true"}`, float64(len(refs)))
	}, timeout, tick, "the restarted controller never listed every SyncTarget")
	requireNoWrites(t, client, ready, steadyWindow/2)
	require.Zero(t, restarted.metric(t, `kcp_synctarget_status_writes_total{ready="true"}`))
	require.Zero(t, restarted.metric(t, `kcp_synctarget_status_writes_total{ready="false"}`))

	t.Log("deleting SyncTargets is handled without errors or writes")
	for _, ref := range refs {
		require.NoError(t, client.Cluster(ref.ws).WorkloadV1alpha1().SyncTargets().Delete(t.Context(), ref.name, metav1.DeleteOptions{}))
	}
	require.Eventually(t, func() bool {
		return restarted.metricEquals(t.Context(), `kcp_synctarget_synctargets{ready="true"}`, 0) &&
			restarted.metricEquals(t.Context(), `kcp_synctarget_synctargets{ready="false"}`, 0)
	}, timeout, tick, "the controller's cache still holds deleted SyncTargets")
	require.Zero(t, restarted.metric(t, `kcp_synctarget_status_writes_total{ready="true"}`))
	require.Zero(t, restarted.metric(t, `kcp_synctarget_status_conflicts_total`))
}
