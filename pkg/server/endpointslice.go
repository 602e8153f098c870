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

package server

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"

	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha1 "github.com/kcp-dev/sdk/apis/apis/v1alpha1"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"
)

// exportName is the APIExport (and its APIExportEndpointSlice) this server serves.
const exportName = "workload.kcp.io"

// sliceSelector limits lists and watches to the one slice: the
// least-privilege role may read only that name, and kcp refuses a list
// without the selector.
var sliceSelector = fields.OneTermEqualSelector("metadata.name", exportName).String()

// noWatchList makes the slice's informer use plain LIST and WATCH: a single
// object gains nothing from a streamed list.
type noWatchList struct{}

func (noWatchList) IsWatchListSemanticsUnSupported() bool { return true }

// newEndpointSliceInformer returns an informer on the export's
// APIExportEndpointSlice in the provider workspace.
func newEndpointSliceInformer(client kcpclientset.ClusterInterface, provider logicalcluster.Path) cache.SharedIndexInformer {
	slices := client.Cluster(provider).ApisV1alpha1().APIExportEndpointSlices()
	lw := &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
			opts.FieldSelector = sliceSelector
			return slices.List(ctx, opts)
		},
		WatchFuncWithContext: func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
			opts.FieldSelector = sliceSelector
			return slices.Watch(ctx, opts)
		},
	}
	return cache.NewSharedIndexInformerWithOptions(cache.ToListWatcherWithWatchListSemantics(lw, noWatchList{}),
		&apisv1alpha1.APIExportEndpointSlice{}, cache.SharedIndexInformerOptions{})
}

// checkEndpointSliceAccess lists the slice once, so that a missing
// permission fails the start with advice instead of being retried forever.
func checkEndpointSliceAccess(ctx context.Context, client kcpclientset.ClusterInterface, provider logicalcluster.Path) error {
	_, err := client.Cluster(provider).ApisV1alpha1().APIExportEndpointSlices().List(ctx,
		metav1.ListOptions{FieldSelector: sliceSelector})
	if err != nil {
		return fmt.Errorf("reading APIExportEndpointSlice %s in workspace %s: %w", exportName, provider, explain(err))
	}
	return nil
}

// endpointURLs returns the endpoint URLs of a slice as a set: kcp does not
// keep their order stable. Anything but a slice gives the empty set.
func endpointURLs(obj any) sets.Set[string] {
	urls := sets.New[string]()
	if slice, ok := obj.(*apisv1alpha1.APIExportEndpointSlice); ok {
		for _, e := range slice.Status.APIExportEndpoints {
			urls.Insert(e.URL)
		}
	}
	return urls
}
