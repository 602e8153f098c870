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
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	exportName = "workload.kcp.io"
	timeout    = framework.ConvergeTimeout
	tick       = 100 * time.Millisecond
)

var rootPath = logicalcluster.NewPath("root")

// adminBase returns kcp-admin's config for the front-proxy.
func adminBase(t *testing.T) *rest.Config {
	t.Helper()
	base, err := kcpServer.BaseConfig()
	require.NoError(t, err)
	return base
}

// startAdminController runs the controller as kcp-admin for provider.
func startAdminController(t *testing.T, name string, provider logicalcluster.Path, args ...string) *controllerProc {
	t.Helper()
	return startController(t, name, kcpServer.AdminKubeconfig(), provider, append([]string{"--context=root"}, args...)...)
}

// newWorkspace creates a workspace under root on the named shard and checks
// that the shard really holds it.
func newWorkspace(t *testing.T, base *rest.Config, prefix, shard string) logicalcluster.Path {
	t.Helper()
	ws, err := framework.CreateWorkspaceOnShard(t.Context(), base, rootPath, framework.RandomName(prefix), shard)
	require.NoError(t, err)
	requireOnShard(t, base, ws, shard)
	return ws
}

// newConsumer creates a workspace on shard bound to the provider's export.
func newConsumer(t *testing.T, base *rest.Config, provider logicalcluster.Path, shard string) logicalcluster.Path {
	t.Helper()
	ws := newWorkspace(t, base, "e2e-"+shard, shard)
	require.NoError(t, framework.BindAPIExport(t.Context(), base, ws, provider, exportName))
	return ws
}

// requireOnShard asks every shard directly for ws's logical cluster: only
// the named shard may hold it.
func requireOnShard(t *testing.T, base *rest.Config, ws logicalcluster.Path, shard string) {
	t.Helper()
	client, err := kcpclientset.NewForConfig(base)
	require.NoError(t, err)
	parent, name := ws.Split()
	got, err := client.Cluster(parent).TenancyV1alpha1().Workspaces().Get(t.Context(), name, metav1.GetOptions{})
	require.NoError(t, err)
	for i, shardName := range kcpServer.ShardNames() {
		cfg, err := kcpServer.ShardConfig(i)
		require.NoError(t, err)
		shardClient, err := kcpclientset.NewForConfig(cfg)
		require.NoError(t, err)
		_, err = shardClient.Cluster(logicalcluster.NewPath(got.Spec.Cluster)).CoreV1alpha1().LogicalClusters().
			Get(t.Context(), "cluster", metav1.GetOptions{})
		require.Equal(t, shardName == shard, err == nil, "workspace %s (cluster %s) on shard %s: %v", ws, got.Spec.Cluster, shardName, err)
	}
}

// waitForExport waits until the controller's bootstrap created the APIExport.
func waitForExport(t *testing.T, base *rest.Config, provider logicalcluster.Path) {
	t.Helper()
	client, err := kcpclientset.NewForConfig(base)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		_, err := client.Cluster(provider).ApisV1alpha2().APIExports().Get(t.Context(), exportName, metav1.GetOptions{})
		return err == nil
	}, timeout, tick, "the bootstrap never created the APIExport in %s", provider)
}

// endpointOf returns the URL the provider's endpoint slice lists for shard i.
func endpointOf(t *testing.T, base *rest.Config, provider logicalcluster.Path, i int) string {
	t.Helper()
	client, err := kcpclientset.NewForConfig(base)
	require.NoError(t, err)
	prefix := fmt.Sprintf("https://127.0.0.1:%d/", 6444+i)
	var url string
	require.Eventually(t, func() bool {
		slice, err := client.Cluster(provider).ApisV1alpha1().APIExportEndpointSlices().Get(t.Context(), exportName, metav1.GetOptions{})
		for _, e := range slice.Status.APIExportEndpoints {
			if err == nil && len(e.URL) > len(prefix) && e.URL[:len(prefix)] == prefix {
				url = e.URL
			}
		}
		return url != ""
	}, timeout, tick, "the endpoint slice of %s never listed shard %d", provider, i)
	return url
}

// writeKubeconfig writes cfg (no /clusters/ suffix) as a kubeconfig whose
// only context points at the provider workspace.
func writeKubeconfig(t *testing.T, cfg *rest.Config, provider logicalcluster.Path) string {
	t.Helper()
	kc := clientcmdapi.NewConfig()
	kc.Clusters["kcp"] = &clientcmdapi.Cluster{Server: cfg.Host + "/clusters/" + provider.String(),
		CertificateAuthorityData: cfg.CAData, CertificateAuthority: cfg.CAFile}
	kc.AuthInfos["user"] = &clientcmdapi.AuthInfo{Token: cfg.BearerToken, ClientCertificateData: cfg.CertData, ClientKeyData: cfg.KeyData}
	kc.Contexts["default"] = &clientcmdapi.Context{Cluster: "kcp", AuthInfo: "user"}
	kc.CurrentContext = "default"
	path := filepath.Join(t.TempDir(), "kubeconfig")
	require.NoError(t, clientcmd.WriteToFile(*kc, path))
	return path
}
