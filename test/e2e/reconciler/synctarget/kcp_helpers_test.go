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
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	"github.com/kcp-dev/kcp/config"
	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// waitForExport waits until the controller's bootstrap created the APIExport.
func waitForExport(t *testing.T, base *rest.Config, provider logicalcluster.Path) {
	t.Helper()
	client, err := kcpclientset.NewForConfig(base)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		_, err := client.Cluster(provider).ApisV1alpha2().APIExports().Get(t.Context(), exportName, metav1.GetOptions{})
		return err == nil
	}, timeout, tick, "the bootstrap never created the APIExport")
}

// newConsumer creates a workspace bound to the provider's export.
func newConsumer(t *testing.T, base *rest.Config, provider logicalcluster.Path, prefix string) logicalcluster.Path {
	t.Helper()
	ws := framework.NewWorkspaceForTest(t, base, logicalcluster.NewPath("root"), prefix)
	require.NoError(t, framework.BindAPIExport(t.Context(), base, ws, provider, exportName))
	return ws
}

// writeKubeconfig writes cfg (host without /clusters/) as a kubeconfig whose
// only context, "default", points at the root workspace.
func writeKubeconfig(t *testing.T, cfg *rest.Config) string {
	t.Helper()
	kc := clientcmdapi.NewConfig()
	kc.Clusters["kcp"] = &clientcmdapi.Cluster{Server: cfg.Host + "/clusters/root", CertificateAuthorityData: cfg.CAData}
	kc.AuthInfos["user"] = &clientcmdapi.AuthInfo{Token: cfg.BearerToken}
	kc.Contexts["default"] = &clientcmdapi.Context{Cluster: "kcp", AuthInfo: "user"}
	kc.CurrentContext = "default"
	path := filepath.Join(t.TempDir(), "kubeconfig")
	require.NoError(t, clientcmd.WriteToFile(*kc, path))
	return path
}

// waitForReady waits until ref is Ready=True for the given generation and
// returns it.
func waitForReady(t *testing.T, client workloadclientset.ClusterInterface, ref objectRef, generation int64) *workloadv1alpha1.SyncTarget {
	t.Helper()
	var st *workloadv1alpha1.SyncTarget
	require.Eventually(t, func() bool {
		var err error
		st, err = client.Cluster(ref.ws).WorkloadV1alpha1().SyncTargets().Get(t.Context(), ref.name, metav1.GetOptions{})
		if err != nil {
			t.Logf("getting %s|%s: %v", ref.ws, ref.name, err)
			return false
		}
		c := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
		return st.Generation == generation && c != nil && c.ObservedGeneration == generation && c.Status == metav1.ConditionTrue
	}, timeout, tick, "%s|%s never became Ready at generation %d", ref.ws, ref.name, generation)
	c := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
	require.Equal(t, workloadv1alpha1.SyncTargetReadyReason, c.Reason)
	require.NotNil(t, st.Status.LastSyncTime)
	return st
}

// requireNoWrites watches the objects for window and fails as soon as one's
// resourceVersion changes: every write, even a no-op status patch that kcp
// stored, would bump it.
func requireNoWrites(t *testing.T, client workloadclientset.ClusterInterface, objs map[objectRef]*workloadv1alpha1.SyncTarget, window time.Duration) {
	t.Helper()
	require.Never(t, func() bool {
		for ref, want := range objs {
			got, err := client.Cluster(ref.ws).WorkloadV1alpha1().SyncTargets().Get(t.Context(), ref.name, metav1.GetOptions{})
			if err != nil {
				t.Logf("getting %s|%s: %v", ref.ws, ref.name, err)
				return true
			}
			if got.ResourceVersion != want.ResourceVersion {
				t.Logf("%s|%s was written: resourceVersion %s -> %s", ref.ws, ref.name, want.ResourceVersion, got.ResourceVersion)
				return true
			}
		}
		return false
	}, window, 500*time.Millisecond)
}

type sample struct {
	name string
	st   *workloadv1alpha1.SyncTarget
}

// samples returns the embedded sample SyncTargets whose file name has prefix.
func samples(t *testing.T, prefix string) []sample {
	t.Helper()
	files, err := config.Load(config.SamplesDir)
	require.NoError(t, err)
	var out []sample
	for _, f := range files {
		if !strings.HasPrefix(f.Name, prefix) {
			continue
		}
		st := &workloadv1alpha1.SyncTarget{}
		require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, st))
		out = append(out, sample{name: f.Name, st: st})
	}
	require.NotEmpty(t, out)
	return out
}
