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
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"

	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	"github.com/kcp-dev/kcp/config"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestReadyInTwoWorkspaces: kcp's own start-up marks SyncTargets in two
// workspaces Ready; the shard bound the export in system:shard at start-up.
func TestReadyInTwoWorkspaces(t *testing.T) {
	t.Parallel()

	shardAdmin, err := gatedServer.ShardAdminConfig() // system:shard is the shard admin's
	require.NoError(t, err)
	kcpClient, err := kcpclientset.NewForConfig(shardAdmin)
	require.NoError(t, err)
	shardBinding, err := kcpClient.Cluster(shardPath).ApisV1alpha2().APIBindings().Get(t.Context(), exportName, metav1.GetOptions{})
	require.NoError(t, err, "the shard binds %s in system:shard when the gate is on", exportName)
	require.Equal(t, apisv1alpha2.APIBindingPhaseBound, shardBinding.Status.Phase)

	for _, prefix := range []string{"east", "west"} {
		c := boundWorkspace(t, gatedServer, prefix)
		createSyncTarget(t, c, prefix+"-1", "root:"+prefix)
		requireReady(t, c, prefix+"-1")
	}
}

// TestSpecEditAdvancesObservedGeneration: a spec change is a new generation,
// and the Ready condition follows it.
func TestSpecEditAdvancesObservedGeneration(t *testing.T) {
	t.Parallel()

	c := boundWorkspace(t, gatedServer, "edit")
	createSyncTarget(t, c, "edited", "root:before")
	st := requireReady(t, c, "edited")
	require.Equal(t, int64(1), st.Generation)

	st.Spec.KCPCluster = "root:after"
	updated, err := c.Update(t.Context(), st, metav1.UpdateOptions{})
	require.NoError(t, err)
	require.Equal(t, int64(2), updated.Generation)
	got := requireReady(t, c, "edited")
	require.Equal(t, int64(2), got.Generation)
	require.False(t, got.Status.LastSyncTime.Before(st.Status.LastSyncTime), "LastSyncTime never moves back")
}

// TestSteadyStateWritesNothing: once every SyncTarget is Ready, the in-tree
// controller sends no write at all.
func TestSteadyStateWritesNothing(t *testing.T) {
	t.Parallel()

	prefixes := []string{"steady-a", "steady-b"}
	recorders := make([]*writeRecorder, 0, len(prefixes))
	for _, prefix := range prefixes {
		c := boundWorkspace(t, gatedServer, prefix)
		for _, name := range []string{"one", "two", "three"} {
			createSyncTarget(t, c, name, "root:"+prefix)
		}
		for _, name := range []string{"one", "two", "three"} {
			requireReady(t, c, name)
		}
		recorders = append(recorders, recordWrites(t, c, listResourceVersion(t, c)))
	}
	requireNoWrites(t, quietWindow, recorders...)
}

// TestInvalidSamplesRejectedAtAdmission: the schema in root phase 0 refuses
// every invalid sample of config/samples; the valid one becomes Ready.
func TestInvalidSamplesRejectedAtAdmission(t *testing.T) {
	t.Parallel()

	ws, c := boundWorkspacePath(t, gatedServer, "samples")
	base, err := gatedServer.BaseConfig()
	require.NoError(t, err)
	dyn, err := dynamic.NewForConfig(framework.ClusterConfig(base, ws))
	require.NoError(t, err)
	synctargets := dyn.Resource(schema.GroupVersionResource{Group: exportName, Version: "v1alpha1", Resource: "synctargets"})

	samples, err := config.Load(config.SamplesDir)
	require.NoError(t, err)
	var valid []string
	for _, sample := range samples {
		_, err := synctargets.Create(t.Context(), sample.Object, metav1.CreateOptions{})
		if strings.HasPrefix(sample.Name, "invalid-") {
			require.Truef(t, apierrors.IsInvalid(err), "%s: want 422 Invalid, got %v", sample.Name, err)
			continue
		}
		require.NoError(t, err, sample.Name)
		valid = append(valid, sample.Object.GetName())
	}
	require.NotEmpty(t, valid, "config/samples holds a valid sample")
	for _, name := range valid {
		requireReady(t, c, name)
	}
}
