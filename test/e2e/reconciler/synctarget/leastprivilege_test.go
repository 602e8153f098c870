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
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/pkg/server"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestLeastPrivilege runs the controller as a ServiceAccount that holds only
// config/rbac's roles in the provider workspace: enough to serve every
// bound workspace, not enough to bootstrap the API (which fails clearly).
func TestLeastPrivilege(t *testing.T) {
	t.Parallel()

	base, err := kcpServer.BaseConfig()
	require.NoError(t, err)
	provider := framework.NewWorkspaceForTest(t, base, logicalcluster.NewPath("root"), "e2e-lp-provider")

	// An administrator bootstraps the API once, then stops.
	admin := startController(t, kcpServer.AdminKubeconfig(), "root", provider, true)
	waitForExport(t, base, provider)
	admin.stop(t)
	require.NoError(t, framework.ApplyRBAC(t.Context(), framework.ClusterConfig(base, provider)))

	saConfig, err := framework.ServiceAccountConfig(t.Context(), base, provider, "default", "kcp-synctarget-controller")
	require.NoError(t, err)
	kubeconfig := writeKubeconfig(t, saConfig)

	t.Log("bootstrapping needs more than the controller's role, and says so")
	opts := server.NewOptions()
	opts.Kubeconfig, opts.ProviderWorkspace, opts.BindAddress = kubeconfig, provider.String(), ""
	cfg, err := server.NewConfig(opts)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	t.Cleanup(cancel)
	err = server.NewServer(cfg).Run(ctx)
	require.ErrorContains(t, err, "forbidden")
	require.ErrorContains(t, err, "lacks a permission")

	t.Log("without bootstrap, the role is enough to serve a bound workspace")
	controller := startController(t, kubeconfig, "", provider, false)
	consumer := newConsumer(t, base, provider, "e2e-lp-consumer")
	controller.waitReady(t)
	client, err := workloadclientset.NewForConfig(base)
	require.NoError(t, err)
	_, err = client.Cluster(consumer).WorkloadV1alpha1().SyncTargets().Create(t.Context(),
		newSyncTarget("least-privilege", consumer.String()), metav1.CreateOptions{})
	require.NoError(t, err)
	waitForReady(t, client, objectRef{consumer, "least-privilege"}, 1)
	require.Equal(t, 1, int(controller.metric(t, `kcp_synctarget_status_writes_total{ready="true"}`)))
}
