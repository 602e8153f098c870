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

package heartbeat

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/server"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// poll is how often the tests look at a SyncTarget: it is the resolution of
// every transition time they measure.
const poll = 100 * time.Millisecond

// fixture is one test's provider, with the Lease claim on its export, and a
// consumer workspace that accepted it.
type fixture struct {
	base     *rest.Config
	client   workloadclientset.ClusterInterface
	provider logicalcluster.Path
	consumer logicalcluster.Path
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{}
	f.connect(t)
	root := logicalcluster.NewPath("root")
	f.provider = framework.NewWorkspaceForTest(t, f.base, root, "hb-provider")
	require.NoError(t, framework.CreateExport(t.Context(), f.base, f.provider))
	kcp, err := kcpclientset.NewForConfig(f.base)
	require.NoError(t, err)
	exports := kcp.Cluster(f.provider).ApisV1alpha2().APIExports()
	export, err := exports.Get(t.Context(), framework.ExportName, metav1.GetOptions{})
	require.NoError(t, err)
	export.Spec.PermissionClaims = append(export.Spec.PermissionClaims, server.LeaseClaim) // as --heartbeat's bootstrap does
	_, err = exports.Update(t.Context(), export, metav1.UpdateOptions{})
	require.NoError(t, err)
	f.consumer = framework.NewWorkspaceForTest(t, f.base, root, "hb-consumer")
	require.NoError(t, framework.BindAPIExport(t.Context(), f.base, f.consumer, f.provider, framework.ExportName, server.AcceptedLeaseClaim()))
	return f
}

// connect makes the fixture's clients for kcp as it runs now: kcp-admin's
// token changes when kcp restarts.
func (f *fixture) connect(t *testing.T) {
	t.Helper()
	var err error
	f.base, err = kcpServer.BaseConfig()
	require.NoError(t, err)
	f.client, err = workloadclientset.NewForConfig(f.base)
	require.NoError(t, err)
}

// startManager runs the manager with --heartbeat on the fixture's provider
// and waits until it serves.
func (f *fixture) startManager(t *testing.T, name string, args ...string) *framework.Manager {
	t.Helper()
	identity, err := kcpServer.AdminKubeconfigFollowingRestarts(t.TempDir())
	require.NoError(t, err)
	logPath := filepath.Join(t.TempDir(), name+".log")
	m, err := framework.StartManager(t.Context(), managerBin, logPath, append([]string{"--kubeconfig=" + identity,
		"--provider-workspace=" + f.provider.String(), "--heartbeat"}, args...)...)
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last 30 lines of %s:\n%s", logPath, m.LogTail(30))
		}
		_ = m.Stop()
	})
	require.NoError(t, m.WaitServing(t.Context(), framework.ConvergeTimeout))
	return m
}

// createSyncTarget creates a valid SyncTarget and its syncer's kubeconfig.
func (f *fixture) createSyncTarget(t *testing.T, name string) string {
	t.Helper()
	_, err := f.client.Cluster(f.consumer).WorkloadV1alpha1().SyncTargets().Create(t.Context(), &workloadv1alpha1.SyncTarget{
		ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: workloadv1alpha1.SyncTargetSpec{KCPCluster: f.consumer.String()}},
		metav1.CreateOptions{})
	require.NoError(t, err)
	cfg, err := framework.SyncerConfig(t.Context(), f.base, f.consumer, name)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), name+".kubeconfig")
	require.NoError(t, framework.WriteKubeconfig(cfg, path))
	return path
}

// ready returns the SyncTarget's Ready condition, nil without one.
func (f *fixture) ready(t *testing.T, name string) (*metav1.Condition, *workloadv1alpha1.SyncTarget) {
	t.Helper()
	st, err := f.client.Cluster(f.consumer).WorkloadV1alpha1().SyncTargets().Get(t.Context(), name, metav1.GetOptions{})
	require.NoError(t, err)
	return meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition), st
}

// waitFor polls until Ready has status and reason, and returns when it saw it.
func (f *fixture) waitFor(t *testing.T, name string, status metav1.ConditionStatus, reason string, timeout time.Duration) time.Time {
	t.Helper()
	var last *metav1.Condition
	err := wait.PollUntilContextTimeout(t.Context(), poll, timeout, true, func(ctx context.Context) (bool, error) {
		last, _ = f.ready(t, name)
		return last != nil && last.Status == status && last.Reason == reason, nil
	})
	require.NoError(t, err, fmt.Sprintf("%s: want Ready=%s (%s), last %+v", name, status, reason, last))
	return time.Now()
}
