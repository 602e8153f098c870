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
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha1 "github.com/kcp-dev/sdk/apis/apis/v1alpha1"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"
)

var (
	testProvider = logicalcluster.NewPath("root:tmc")

	schemasGVR = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha1", Resource: "apiresourceschemas"}
	exportsGVR = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha2", Resource: "apiexports"}
	slicesGVR  = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha1", Resource: "apiexportendpointslices"}
)

// newFakeKCP returns a fake kcp clientset holding objects.
func newFakeKCP(objects ...runtime.Object) *kcpfakeclientset.ClusterClientset {
	// NewClientset's field-managed tracker knows no type of apis.kcp.io and
	// fails every create; the plain tracker is what these tests need.
	return kcpfakeclientset.NewSimpleClientset(objects...) //nolint:staticcheck // NewClientset cannot store apis.kcp.io objects.
}

// inCluster places obj in the logical cluster of path for the fake tracker,
// which files objects by their kcp.io/cluster annotation.
func inCluster[T metav1.Object](obj T, path logicalcluster.Path) T {
	annotations := obj.GetAnnotations()
	if annotations == nil {
		annotations = map[string]string{}
	}
	annotations[logicalcluster.AnnotationKey] = path.String()
	obj.SetAnnotations(annotations)
	return obj
}

// endpointSlice is the slice kcp keeps for the export in path, listing urls.
func endpointSlice(path logicalcluster.Path, urls ...string) *apisv1alpha1.APIExportEndpointSlice {
	slice := &apisv1alpha1.APIExportEndpointSlice{
		ObjectMeta: metav1.ObjectMeta{Name: exportName},
		Spec: apisv1alpha1.APIExportEndpointSliceSpec{
			APIExport: apisv1alpha1.ExportBindingReference{Path: path.String(), Name: exportName},
		},
	}
	for _, url := range urls {
		slice.Status.APIExportEndpoints = append(slice.Status.APIExportEndpoints, apisv1alpha1.APIExportEndpoint{URL: url})
	}
	return inCluster(slice, path)
}

// watchingSlices reports whether someone watches the fake's endpoint slices:
// the fake tracker sends only the events after a watch starts.
func watchingSlices(c *kcpfakeclientset.ClusterClientset) bool {
	for _, a := range c.Actions() {
		if a.Matches("watch", "apiexportendpointslices") {
			return true
		}
	}
	return false
}

// setEndpoints makes the fake's slice in the test provider list urls, as kcp
// does when bindings come and go.
func setEndpoints(c *kcpfakeclientset.ClusterClientset, urls ...string) error {
	return c.Tracker().Cluster(testProvider).Update(slicesGVR, endpointSlice(testProvider, urls...), "")
}

// action is a comparable summary of a fake client call.
type action struct {
	verb, resource, cluster string
}

func summarize(actions []kcptesting.Action) []action {
	out := make([]action, 0, len(actions))
	for _, a := range actions {
		out = append(out, action{verb: a.GetVerb(), resource: a.GetResource().Resource, cluster: a.GetCluster().String()})
	}
	return out
}

func writes(actions []kcptesting.Action) []action {
	var out []action
	for _, a := range summarize(actions) {
		switch a.verb {
		case "get", "list", "watch":
		default:
			out = append(out, a)
		}
	}
	return out
}
