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

package external

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/server"
	"github.com/kcp-dev/kcp/test/e2e/framework"
	"github.com/kcp-dev/kcp/test/e2e/heartbeat/cases"
)

//nolint:paralleltest // It stops the physical cluster every case uses.
func TestPhysicalClusterDown(t *testing.T) { cases.PhysicalClusterDown(t, cases.NewFixture(t, env)) }

//nolint:paralleltest // It restarts the kcp every case uses.
func TestKCPRestartWithinGrace(t *testing.T) { cases.KCPRestart(t, cases.NewFixture(t, env)) }

func TestPrinterColumns(t *testing.T) {
	t.Parallel()
	cases.PrinterColumns(t, cases.NewFixture(t, env))
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	cases.Lifecycle(t, cases.NewFixture(t, env))
}

// TestManagerRestart replaces the manager under a live syncer: no
// transition and no write, through the new manager's start-up grace and beyond.
func TestManagerRestart(t *testing.T) {
	t.Parallel()
	var provider logicalcluster.Path
	env := *env
	env.Bind = func(t *testing.T, base *rest.Config) logicalcluster.Path {
		var consumer logicalcluster.Path
		provider, consumer = bind(t, base)
		return consumer
	}
	f := cases.NewFixture(t, &env)
	m := startManager(t, provider, "manager-1")
	st := "manager-restart"
	a := cases.Agent{Kubeconfig: f.CreateSyncTarget(t, st), SyncTarget: st, Renew: cases.Renew, Lease: cases.Lease}
	a.Start(t, &env, "syncer")
	f.WaitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, framework.ConvergeTimeout)
	_, before := f.Ready(t, st)

	require.NoError(t, m.Stop())
	next := startManager(t, provider, "manager-2")
	f.RequireStays(t, st, metav1.ConditionTrue, 2*cases.Lease)
	_, after := f.Ready(t, st)
	require.Equal(t, before.ResourceVersion, after.ResourceVersion, "the SyncTarget was written")
	ms, err := next.Metrics(t.Context())
	require.NoError(t, err)
	writes, err := ms.Sum("kcp_synctarget_status_writes_total", nil)
	require.NoError(t, err)
	require.Zero(t, writes, "the new manager wrote a status")
}

// bindWithManager is Env.Bind out of tree: bind, then run a manager. It
// keeps leading through a kcp restart, as in test/e2e/faults.
func bindWithManager(t *testing.T, base *rest.Config) logicalcluster.Path {
	provider, consumer := bind(t, base)
	startManager(t, provider, "manager", "--leader-elect-lease-duration=3m", "--leader-elect-renew-deadline=150s")
	return consumer
}

// bind makes a provider whose export claims Leases, as --heartbeat's
// bootstrap does, and a consumer that accepts the claim.
func bind(t *testing.T, base *rest.Config) (provider, consumer logicalcluster.Path) {
	t.Helper()
	root := logicalcluster.NewPath("root")
	provider = framework.NewWorkspaceForTest(t, base, root, "hb-provider")
	require.NoError(t, framework.CreateExport(t.Context(), base, provider))
	kcp, err := kcpclientset.NewForConfig(base)
	require.NoError(t, err)
	exports := kcp.Cluster(provider).ApisV1alpha2().APIExports()
	export, err := exports.Get(t.Context(), framework.ExportName, metav1.GetOptions{})
	require.NoError(t, err)
	export.Spec.PermissionClaims = append(export.Spec.PermissionClaims, server.LeaseClaim)
	_, err = exports.Update(t.Context(), export, metav1.UpdateOptions{})
	require.NoError(t, err)
	consumer = framework.NewWorkspaceForTest(t, base, root, "hb-consumer")
	require.NoError(t, framework.BindAPIExport(t.Context(), base, consumer, provider, framework.ExportName, server.AcceptedLeaseClaim()))
	return provider, consumer
}

// startManager runs the manager with --heartbeat on provider and waits until it serves.
func startManager(t *testing.T, provider logicalcluster.Path, name string, args ...string) *framework.Manager {
	t.Helper()
	identity, err := env.KCP.AdminKubeconfigFollowingRestarts(t.TempDir())
	require.NoError(t, err)
	logPath := filepath.Join(t.TempDir(), name+".log")
	m, err := framework.StartManager(t.Context(), managerBin, logPath, append([]string{"--kubeconfig=" + identity,
		"--provider-workspace=" + provider.String(), "--heartbeat"}, args...)...)
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last 30 lines of %s:\n%s", logPath, m.LogTail(60))
		}
		_ = m.Stop()
	})
	require.NoError(t, m.WaitServing(t.Context(), framework.ConvergeTimeout))
	return m
}
