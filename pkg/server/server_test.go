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
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"
)

func TestRunIdlesUntilABindingAndStopsGracefully(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		objects   []runtime.Object
		bootstrap bool
	}{
		"the slice has no endpoint":    {objects: []runtime.Object{endpointSlice(testProvider)}},
		"the slice does not exist yet": {},
		"after bootstrapping":          {bootstrap: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := newFakeKCP(tc.objects...)
			s := newTestServer(testConfig(client, func(o *Options) { o.Bootstrap = tc.bootstrap }))
			require.Empty(t, s.HealthAddr(), "no address before Run")
			cancel, done := startRun(t, s)

			baseURL := healthy(t, s)
			require.NotEqual(t, "127.0.0.1:0", s.HealthAddr(), "HealthAddr is the bound port")
			require.Eventually(t, func() bool { return readyz(t, baseURL) == http.StatusOK }, waitFor, tick,
				"an idle leader is ready: it has no runner to sync")
			require.Equal(t, 1, metric(t, baseURL, "kcp_synctarget_leader"))
			require.Zero(t, metric(t, baseURL, "kcp_synctarget_endpoint_runners"))
			if tc.bootstrap {
				require.Equal(t, []action{
					{"create", "apiresourceschemas", testProvider.String()},
					{"create", "apiexports", testProvider.String()},
				}, writes(client.Actions()))
			} else {
				require.Empty(t, writes(client.Actions()), "no bootstrap, no writes")
			}

			cancel()
			require.NoError(t, waitRun(t, done))
			_, _, err := get(context.Background(), t, baseURL+"/healthz")
			require.Error(t, err, "the health server stops with Run")
		})
	}
}

func TestRunFails(t *testing.T) {
	t.Parallel()

	busy, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = busy.Close() })

	tests := map[string]struct {
		objects  []runtime.Object
		reactors func(c *kcpfakeclientset.ClusterClientset)
		modify   func(o *Options)
		wantErrs []string
	}{
		"bind address in use": {
			modify:   func(o *Options) { o.BindAddress = busy.Addr().String() },
			wantErrs: []string{"serving health and metrics", busy.Addr().String()},
		},
		"bootstrap forbidden": {
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("get", "apiresourceschemas", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewForbidden(schemasGVR.GroupResource(), "", nil)
				})
			},
			modify:   func(o *Options) { o.Bootstrap = true },
			wantErrs: []string{"bootstrapping", "lacks a permission"},
		},
		"no binding within the endpoint timeout": {
			objects:  []runtime.Object{endpointSlice(testProvider)},
			modify:   func(o *Options) { o.EndpointTimeout = 50 * time.Millisecond },
			wantErrs: []string{"waiting for an endpoint of APIExportEndpointSlice workload.kcp.io in workspace root:tmc", context.DeadlineExceeded.Error()},
		},
		"no slice within the endpoint timeout, health disabled": {
			modify: func(o *Options) {
				o.BindAddress = ""
				o.EndpointTimeout = 50 * time.Millisecond
			},
			wantErrs: []string{"APIExportEndpointSlice workload.kcp.io"},
		},
		"endpoint slice forbidden": {
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("list", "apiexportendpointslices", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewForbidden(slicesGVR.GroupResource(), exportName, nil)
				})
			},
			wantErrs: []string{"reading APIExportEndpointSlice workload.kcp.io in workspace root:tmc", "lacks a permission"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := newFakeKCP(tc.objects...)
			if tc.reactors != nil {
				tc.reactors(client)
			}
			_, done := startRun(t, newTestServer(testConfig(client, tc.modify)))
			err := waitRun(t, done)
			for _, want := range tc.wantErrs {
				require.ErrorContains(t, err, want)
			}
		})
	}
}
