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
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"

	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
)

// runResult is what Run returned.
type runResult struct {
	err error
}

// startRun runs s in the background and returns its cancel func and the
// channel carrying Run's result.
func startRun(t *testing.T, s *Server) (context.CancelFunc, <-chan runResult) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	done := make(chan runResult, 1)
	go func() {
		done <- runResult{err: s.Run(ctx)}
	}()
	return cancel, done
}

// waitRun returns Run's result, failing the test when Run does not return
// within timeout.
func waitRun(t *testing.T, done <-chan runResult, timeout time.Duration) error {
	t.Helper()
	select {
	case r := <-done:
		return r.err
	case <-time.After(timeout):
		require.FailNow(t, "Run did not return", "within %v", timeout)
		return nil
	}
}

// testConfig is a configuration for a kcp faked by client.
func testConfig(client *kcpfakeclientset.ClusterClientset, modify func(o *Options)) *Config {
	opts := NewOptions()
	opts.BindAddress = "127.0.0.1:0"
	opts.Bootstrap = false
	if modify != nil {
		modify(opts)
	}
	return &Config{
		Options:      opts,
		BaseConfig:   &rest.Config{Host: "https://kcp.invalid:6443"},
		ProviderPath: testProvider,
		KCPClient:    client,
	}
}

// healthy waits until s serves /healthz and returns its base URL.
func healthy(t *testing.T, s *Server) string {
	t.Helper()
	require.Eventually(t, func() bool {
		if s.HealthAddr() == "" {
			return false
		}
		code, _, err := get(t.Context(), t, "http://"+s.HealthAddr()+"/healthz")
		return err == nil && code == http.StatusOK
	}, 10*time.Second, 10*time.Millisecond)
	return "http://" + s.HealthAddr()
}

func TestRunStopsGracefullyWhileWaitingForABinding(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		objects   []runtime.Object
		bootstrap bool
	}{
		"the slice has no endpoint": {
			objects: []runtime.Object{endpointSlice(testProvider)},
		},
		"the slice does not exist yet": {},
		"after bootstrapping": {
			bootstrap: true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := newFakeKCP(tc.objects...)
			s := NewServer(testConfig(client, func(o *Options) { o.Bootstrap = tc.bootstrap }))
			require.Empty(t, s.HealthAddr(), "no address before Run")
			cancel, done := startRun(t, s)

			baseURL := healthy(t, s)
			require.NotEqual(t, "127.0.0.1:0", s.HealthAddr(), "HealthAddr is the bound port")
			code, _, err := get(t.Context(), t, baseURL+"/readyz")
			require.NoError(t, err)
			require.Equal(t, http.StatusServiceUnavailable, code)
			require.Eventually(t, func() bool { return countGets(client) > 0 }, 10*time.Second, 10*time.Millisecond,
				"Run polls the endpoint slice")
			if tc.bootstrap {
				require.Equal(t, []action{
					{"create", "apiresourceschemas", testProvider.String()},
					{"create", "apiexports", testProvider.String()},
				}, writes(client.Actions()))
			} else {
				require.Empty(t, writes(client.Actions()), "no bootstrap, no writes")
			}

			cancel()
			require.NoError(t, waitRun(t, done, 5*time.Second))
			_, _, err = get(context.Background(), t, baseURL+"/healthz")
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
			wantErrs: []string{"APIExportEndpointSlice workload.kcp.io in workspace root:tmc", context.DeadlineExceeded.Error()},
		},
		"no binding within the endpoint timeout, health disabled": {
			modify: func(o *Options) {
				o.BindAddress = ""
				o.EndpointTimeout = 50 * time.Millisecond
			},
			wantErrs: []string{"APIExportEndpointSlice workload.kcp.io"},
		},
		"endpoint slice forbidden": {
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("get", "apiexportendpointslices", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewForbidden(slicesGVR.GroupResource(), exportName, nil)
				})
			},
			wantErrs: []string{"APIExportEndpointSlice workload.kcp.io", "lacks a permission"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := newFakeKCP(tc.objects...)
			if tc.reactors != nil {
				tc.reactors(client)
			}
			s := NewServer(testConfig(client, tc.modify))
			_, done := startRun(t, s)
			err := waitRun(t, done, 5*time.Second)
			require.Error(t, err)
			for _, want := range tc.wantErrs {
				require.ErrorContains(t, err, want)
			}
		})
	}
}

func TestRunWithoutHealthServer(t *testing.T) {
	t.Parallel()

	client := newFakeKCP(endpointSlice(testProvider))
	s := NewServer(testConfig(client, func(o *Options) { o.BindAddress = "" }))
	cancel, done := startRun(t, s)
	require.Eventually(t, func() bool { return countGets(client) > 0 }, 10*time.Second, 10*time.Millisecond)
	require.Empty(t, s.HealthAddr())
	cancel()
	require.NoError(t, waitRun(t, done, 5*time.Second))
}

// fakeVirtualWorkspace serves an empty SyncTarget list and idle watches
// under prefix, as the APIExport's virtual workspace does before any
// SyncTarget exists. notFound answers the first lists with 404, as kcp does
// right after the first binding.
type fakeVirtualWorkspace struct {
	prefix string

	mu       sync.Mutex
	notFound int
	lists    int
	watches  int
	paths    []string
}

func (f *fakeVirtualWorkspace) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.paths = append(f.paths, r.URL.Path)
	notFound := f.notFound > 0
	if notFound {
		f.notFound--
	}
	f.mu.Unlock()

	if r.URL.Path != f.prefix+"/clusters/*/apis/workload.kcp.io/v1alpha1/synctargets" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if notFound {
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}`)
		return
	}
	if r.URL.Query().Get("watch") != "true" {
		f.mu.Lock()
		f.lists++
		f.mu.Unlock()
		_, _ = fmt.Fprint(w, `{"kind":"SyncTargetList","apiVersion":"workload.kcp.io/v1alpha1","metadata":{"resourceVersion":"7"},"items":[]}`)
		return
	}
	f.mu.Lock()
	f.watches++
	f.mu.Unlock()
	if r.URL.Query().Get("sendInitialEvents") == "true" {
		_, _ = fmt.Fprint(w, `{"type":"BOOKMARK","object":{"kind":"SyncTarget","apiVersion":"workload.kcp.io/v1alpha1","metadata":{"resourceVersion":"7","annotations":{"k8s.io/initial-events-end":"true"}}}}`+"\n")
	}
	if flusher, ok := w.(http.Flusher); ok {
		flusher.Flush()
	}
	<-r.Context().Done()
}

func (f *fakeVirtualWorkspace) counts() (lists, watches int, paths []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lists, f.watches, append([]string(nil), f.paths...)
}

func TestRunServesOnceBound(t *testing.T) {
	t.Parallel()

	vw := &fakeVirtualWorkspace{prefix: "/services/apiexport/root:tmc/workload.kcp.io", notFound: 2}
	srv := httptest.NewServer(vw)
	t.Cleanup(srv.Close)

	client := newFakeKCP(endpointSlice(testProvider, srv.URL+vw.prefix))
	s := NewServer(testConfig(client, nil))
	cancel, done := startRun(t, s)

	baseURL := healthy(t, s)
	require.Eventually(t, func() bool {
		code, _, err := get(t.Context(), t, baseURL+"/readyz")
		return err == nil && code == http.StatusOK
	}, 10*time.Second, 10*time.Millisecond, "ready once the caches synced")

	lists, watches, paths := vw.counts()
	require.Positive(t, lists, "the virtual workspace was listed")
	require.Positive(t, watches, "the informer watches the virtual workspace")
	for _, p := range paths {
		require.True(t, strings.HasPrefix(p, vw.prefix+"/clusters/"), "request outside the virtual workspace: %s", p)
	}

	code, body, err := get(t.Context(), t, baseURL+"/metrics")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)
	require.Contains(t, body, `kcp_synctarget_synctargets{ready="true"} 0`)
	require.Contains(t, body, `kcp_synctarget_status_writes_total{ready="false"} 0`)
	require.Len(t, s.controllers, 1)
	require.Equal(t, synctarget.ControllerName, s.controllers[0].name)

	cancel()
	require.NoError(t, waitRun(t, done, 10*time.Second))
	require.False(t, s.ready.Load(), "not ready after stopping")
}
