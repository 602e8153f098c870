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
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha1 "github.com/kcp-dev/sdk/apis/apis/v1alpha1"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"

	workloadfakeclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
)

var slicesGVR = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha1", Resource: "apiexportendpointslices"}

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

// onNthGet runs change on the nth get of the endpoint slice, before the
// tracker answers it, as kcp would change the slice between two polls.
func onNthGet(c *kcpfakeclientset.ClusterClientset, n int32, change func(tracker kcptesting.ScopedObjectTracker) error) {
	var gets atomic.Int32
	c.PrependReactor("get", "apiexportendpointslices", func(kcptesting.Action) (bool, runtime.Object, error) {
		if gets.Add(1) == n {
			if err := change(c.Tracker().Cluster(testProvider)); err != nil {
				return true, nil, err
			}
		}
		return false, nil, nil
	})
}

func countGets(c *kcpfakeclientset.ClusterClientset) int {
	n := 0
	for _, a := range c.Actions() {
		if a.Matches("get", "apiexportendpointslices") {
			n++
		}
	}
	return n
}

func TestVirtualWorkspaceURL(t *testing.T) {
	t.Parallel()

	const vwURL = "https://shard-1.example.com:6443/services/apiexport/root:tmc/workload.kcp.io"

	tests := map[string]struct {
		objects  []runtime.Object
		reactors func(c *kcpfakeclientset.ClusterClientset)
		timeout  time.Duration
		// cancelled runs the call with an already cancelled context.
		cancelled bool
		wantURL   string
		wantErrs  []string
		wantGets  int
	}{
		"the slice lists an endpoint": {
			objects:  []runtime.Object{endpointSlice(testProvider, vwURL)},
			wantURL:  vwURL,
			wantGets: 1,
		},
		"several shards: the first endpoint": {
			objects:  []runtime.Object{endpointSlice(testProvider, vwURL, "https://shard-2.example.com:6443/other")},
			wantURL:  vwURL,
			wantGets: 1,
		},
		"no endpoint until a workspace binds the export": {
			objects: []runtime.Object{endpointSlice(testProvider)},
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				onNthGet(c, 2, func(tracker kcptesting.ScopedObjectTracker) error {
					return tracker.Update(slicesGVR, endpointSlice(testProvider, vwURL), "")
				})
			},
			wantURL:  vwURL,
			wantGets: 2,
		},
		"not found keeps waiting until kcp creates the slice": {
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				onNthGet(c, 2, func(tracker kcptesting.ScopedObjectTracker) error {
					return tracker.Add(endpointSlice(testProvider, vwURL))
				})
			},
			wantURL:  vwURL,
			wantGets: 2,
		},
		"a slice in another workspace is not ours": {
			objects:  []runtime.Object{endpointSlice(logicalcluster.NewPath("root"), vwURL)},
			timeout:  100 * time.Millisecond,
			wantErrs: []string{"APIExportEndpointSlice workload.kcp.io in workspace root:tmc", context.DeadlineExceeded.Error()},
			wantGets: 1,
		},
		"timeout while the slice has no endpoint": {
			objects:  []runtime.Object{endpointSlice(testProvider)},
			timeout:  100 * time.Millisecond,
			wantErrs: []string{"waiting for an endpoint of APIExportEndpointSlice workload.kcp.io in workspace root:tmc", context.DeadlineExceeded.Error()},
			wantGets: 1,
		},
		"forbidden fails at once with advice": {
			objects: []runtime.Object{endpointSlice(testProvider, vwURL)},
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("get", "apiexportendpointslices", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewForbidden(slicesGVR.GroupResource(), exportName, errors.New("RBAC: access denied"))
				})
			},
			wantErrs: []string{"APIExportEndpointSlice workload.kcp.io", "access denied", "lacks a permission"},
			wantGets: 1,
		},
		"cancelled context": {
			objects:   []runtime.Object{endpointSlice(testProvider)},
			cancelled: true,
			wantErrs:  []string{"APIExportEndpointSlice workload.kcp.io", context.Canceled.Error()},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := newFakeKCP(tc.objects...)
			if tc.reactors != nil {
				tc.reactors(client)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if tc.cancelled {
				cancel()
			}

			url, err := virtualWorkspaceURL(ctx, client, testProvider, tc.timeout)
			if len(tc.wantErrs) > 0 {
				require.Error(t, err)
				require.Empty(t, url)
				for _, want := range tc.wantErrs {
					require.ErrorContains(t, err, want)
				}
			} else {
				require.NoError(t, err)
				require.Equal(t, tc.wantURL, url)
			}
			if tc.wantGets > 0 {
				require.Equal(t, tc.wantGets, countGets(client))
			}
			for _, a := range client.Actions() {
				require.Equal(t, testProvider, a.GetCluster(), "every request goes to the provider workspace")
			}
		})
	}
}

func TestWaitForVirtualWorkspace(t *testing.T) {
	t.Parallel()

	notFound := apierrors.NewNotFound(schema.GroupResource{Group: "workload.kcp.io", Resource: "synctargets"}, "")

	tests := map[string]struct {
		// errs are the answers to the successive lists; after them lists succeed.
		errs      []error
		timeout   time.Duration
		wantErrs  []string
		wantLists int
	}{
		"serving at once": {
			wantLists: 1,
		},
		"not found until kcp serves the resource": {
			errs:      []error{notFound, notFound},
			wantLists: 3,
		},
		"not found for too long": {
			errs:     []error{notFound, notFound, notFound, notFound, notFound, notFound, notFound, notFound},
			timeout:  300 * time.Millisecond,
			wantErrs: []string{"listing SyncTargets through the virtual workspace", context.DeadlineExceeded.Error()},
		},
		"forbidden fails at once with advice": {
			errs:      []error{apierrors.NewForbidden(schema.GroupResource{Group: "workload.kcp.io", Resource: "synctargets"}, "", errors.New("no"))},
			wantErrs:  []string{"listing SyncTargets through the virtual workspace", "lacks a permission"},
			wantLists: 1,
		},
		"unreachable fails at once with advice": {
			errs:      []error{&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}},
			wantErrs:  []string{"connection refused", "is kcp running"},
			wantLists: 1,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := workloadfakeclientset.NewSimpleClientset()
			var lists atomic.Int32
			client.PrependReactor("list", "synctargets", func(kcptesting.Action) (bool, runtime.Object, error) {
				if i := int(lists.Add(1)) - 1; i < len(tc.errs) {
					return true, nil, tc.errs[i]
				}
				return false, nil, nil
			})
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 10 * time.Second
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()

			err := waitForVirtualWorkspace(ctx, client)
			if len(tc.wantErrs) > 0 {
				require.Error(t, err)
				for _, want := range tc.wantErrs {
					require.ErrorContains(t, err, want)
				}
			} else {
				require.NoError(t, err)
			}
			if tc.wantLists > 0 {
				require.Equal(t, tc.wantLists, int(lists.Load()))
			}
		})
	}
}
