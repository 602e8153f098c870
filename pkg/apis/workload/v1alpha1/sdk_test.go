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

package v1alpha1_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	clientfeatures "k8s.io/client-go/features"
	clientfeaturestesting "k8s.io/client-go/features/testing"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpfake "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

func syncTargetIn(cluster logicalcluster.Name, name string) *workloadv1alpha1.SyncTarget {
	return &workloadv1alpha1.SyncTarget{
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Annotations: map[string]string{logicalcluster.AnnotationKey: cluster.String()},
		},
		Spec: workloadv1alpha1.SyncTargetSpec{KCPCluster: cluster.String()},
	}
}

// TestFakeClusterClientsetFeedsInformers proves the generated fake cluster
// clientset and cluster-aware informers sync and serve objects of two
// logical clusters, seeded and created after start, as the controller tests
// rely on.
//
//nolint:paralleltest // SetFeatureDuringTest changes a process-wide feature gate.
func TestFakeClusterClientsetFeedsInformers(t *testing.T) {
	// The fake does not send the bookmark that WatchList streaming waits for.
	clientfeaturestesting.SetFeatureDuringTest(t, clientfeatures.WatchListClient, false)

	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)

	east, west := logicalcluster.Name("east"), logicalcluster.Name("west")
	// NewClientset needs applyconfigurations generated with an OpenAPI schema
	// (field management); plain create/patch/watch is all these tests need.
	client := kcpfake.NewSimpleClientset(syncTargetIn(east, "a"), syncTargetIn(west, "a"))
	factory := kcpinformers.NewSharedInformerFactory(client, 0)
	informer := factory.Workload().V1alpha1().SyncTargets()
	lister := informer.Lister()
	informer.Informer() // registered before the factory starts
	factory.Start(ctx.Done())
	for typ, synced := range factory.WaitForCacheSync(ctx.Done()) {
		require.True(t, synced, "informer for %v did not sync", typ)
	}

	all, err := lister.List(labels.Everything())
	require.NoError(t, err)
	require.Len(t, all, 2)
	for _, cluster := range []logicalcluster.Name{east, west} {
		got, err := lister.Cluster(cluster).Get("a")
		require.NoError(t, err)
		require.Equal(t, cluster, logicalcluster.From(got))
		require.Equal(t, cluster.String(), got.Spec.KCPCluster)
	}

	_, err = client.Cluster(west.Path()).WorkloadV1alpha1().SyncTargets().Create(ctx, syncTargetIn(west, "b"), metav1.CreateOptions{})
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		_, err := lister.Cluster(west).Get("b")
		return err == nil
	}, 30*time.Second, 100*time.Millisecond, "the informer never delivered an object created after start")
	_, err = lister.Cluster(east).Get("b")
	require.True(t, apierrors.IsNotFound(err), "objects must stay in their own logical cluster, got %v", err)
}
