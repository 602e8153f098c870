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

package framework_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	authenticationv1 "k8s.io/api/authentication/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

var (
	schemaGVR     = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha1", Resource: "apiresourceschemas"}
	exportGVR     = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha2", Resource: "apiexports"}
	syncTargetGVR = schema.GroupVersionResource{Group: "workload.kcp.io", Version: "v1alpha1", Resource: "synctargets"}
)

func TestFramework(t *testing.T) {
	t.Parallel()

	start := time.Now()
	k := framework.StartKCPForTest(t)
	t.Logf("kcp ready in %s (pid %d, port %d)", time.Since(start).Round(time.Millisecond), k.PID(), k.Port())

	ctx := t.Context()
	base, err := k.BaseConfig()
	require.NoError(t, err)
	require.NotContains(t, base.Host, "/clusters/")

	start = time.Now()
	provider := framework.NewWorkspaceForTest(t, base, logicalcluster.NewPath("root"), "provider")
	t.Logf("workspace %s Ready in %s", provider, time.Since(start).Round(time.Millisecond))
	consumers := []logicalcluster.Path{
		framework.NewWorkspaceForTest(t, base, logicalcluster.NewPath("root"), "consumer"),
		framework.NewWorkspaceForTest(t, base, logicalcluster.NewPath("root"), "consumer"),
	}

	schemaName := createFromFile(t, base, provider, schemaGVR, "apiresourceschema-synctargets.workload.kcp.io.yaml")
	require.Equal(t, "workload.kcp.io", createFromFile(t, base, provider, exportGVR, "apiexport-workload.kcp.io.yaml"))
	require.Contains(t, schemaName, ".synctargets.workload.kcp.io")

	for _, consumer := range consumers {
		start = time.Now()
		require.NoError(t, framework.BindAPIExport(ctx, base, consumer, provider, "workload.kcp.io"))
		t.Logf("APIBinding in %s Bound and served in %s", consumer, time.Since(start).Round(time.Millisecond))
		require.NoError(t, framework.BindAPIExport(ctx, base, consumer, provider, "workload.kcp.io"), "binding again")

		dyn, err := dynamic.NewForConfig(framework.ClusterConfig(base, consumer))
		require.NoError(t, err)
		st := &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "workload.kcp.io/v1alpha1",
			"kind":       "SyncTarget",
			"metadata":   map[string]any{"name": "cluster-1"},
			"spec":       map[string]any{"kcpCluster": consumer.String()},
		}}
		_, err = dyn.Resource(syncTargetGVR).Create(ctx, st, metav1.CreateOptions{})
		require.NoError(t, err)
	}

	sa, err := framework.ServiceAccountConfig(ctx, base, consumers[0], "e2e", "tester")
	require.NoError(t, err)
	require.Equal(t, base.Host, sa.Host)
	require.NotEmpty(t, sa.BearerToken)
	require.Empty(t, sa.CertData)
	require.Empty(t, sa.KeyData)
	require.Empty(t, sa.CertFile)
	require.Empty(t, sa.KeyFile)

	saKube, err := kubernetes.NewForConfig(framework.ClusterConfig(sa, consumers[0]))
	require.NoError(t, err)
	review, err := saKube.AuthenticationV1().SelfSubjectReviews().Create(ctx, &authenticationv1.SelfSubjectReview{}, metav1.CreateOptions{})
	require.NoError(t, err)
	require.Equal(t, "system:serviceaccount:e2e:tester", review.Status.UserInfo.Username)

	for _, consumer := range consumers {
		saDyn, err := dynamic.NewForConfig(framework.ClusterConfig(sa, consumer))
		require.NoError(t, err)
		_, err = saDyn.Resource(syncTargetGVR).List(ctx, metav1.ListOptions{})
		require.True(t, apierrors.IsForbidden(err), "listing synctargets in %s as the ServiceAccount: want 403, got %v", consumer, err)
	}

	pid := k.PID()
	require.NoError(t, k.Stop())
	require.NoError(t, k.Stop(), "second Stop")
	require.ErrorIs(t, syscall.Kill(pid, 0), syscall.ESRCH, "kcp pid %d still exists", pid)
}

// createFromFile creates the object in config/root-phase0/file in the workspace
// ws and returns its name.
func createFromFile(t *testing.T, base *rest.Config, ws logicalcluster.Path, gvr schema.GroupVersionResource, file string) string {
	t.Helper()
	root, err := framework.RepoRoot()
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(root, "config", "root-phase0", file))
	require.NoError(t, err)
	obj := &unstructured.Unstructured{}
	require.NoError(t, yaml.Unmarshal(data, &obj.Object))
	dyn, err := dynamic.NewForConfig(framework.ClusterConfig(base, ws))
	require.NoError(t, err)
	_, err = dyn.Resource(gvr).Create(t.Context(), obj, metav1.CreateOptions{})
	if !apierrors.IsAlreadyExists(err) {
		require.NoError(t, err)
	}
	return obj.GetName()
}
