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
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// startHealth serves the health endpoints of a fresh server on a free port
// and returns the server and the base URL.
func startHealth(t *testing.T) (s *Server, baseURL string, stop func()) {
	t.Helper()
	s = newTestServer(testConfig(newFakeKCP(), nil))
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	stop = s.serveHealth(t.Context(), ln)
	t.Cleanup(stop)
	return s, "http://" + ln.Addr().String(), stop
}

// addRunner puts a runner for url into s as if it ran, with stats.
func addRunner(s *Server, url string, synced bool, stats syncTargetStats) {
	r := &runner{url: url, done: make(chan struct{})}
	r.synced.Store(synced)
	if stats != nil {
		r.stats.Store(&statsBox{stats})
	}
	s.runners.mu.Lock()
	defer s.runners.mu.Unlock()
	s.runners.running[url] = r
}

func TestServeHealth(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		path       string
		wantCode   int
		wantInBody []string
	}{
		"healthz": {path: "/healthz", wantCode: http.StatusOK, wantInBody: []string{"ok"}},
		"metrics serve the collector": {
			path:     "/metrics",
			wantCode: http.StatusOK,
			wantInBody: []string{
				`kcp_synctarget_status_writes_total{ready="true"} 2`,
				"kcp_synctarget_status_conflicts_total 3",
				`kcp_synctarget_synctargets{ready="true"} 1`,
				"kcp_synctarget_leader 0",
				"kcp_synctarget_endpoint_runners 1",
			},
		},
		"unknown path": {path: "/debug/pprof/", wantCode: http.StatusNotFound},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			s, baseURL, _ := startHealth(t)
			addRunner(s, urlA, true, &fakeStats{readyWrites: 2, conflicts: 3, ready: 1})
			code, body, err := get(t.Context(), t, baseURL+tc.path)
			require.NoError(t, err)
			require.Equal(t, tc.wantCode, code, body)
			for _, want := range tc.wantInBody {
				require.Contains(t, body, want)
			}
		})
	}
}

func TestReadyz(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		leading, sliceSynced bool
		runners              map[string]bool // URL: synced
		want                 int
	}{
		"a standby is ready":                        {want: http.StatusOK},
		"a standby ignores unsynced runners":        {runners: map[string]bool{urlA: false}, want: http.StatusOK},
		"leading, the endpoints are not known yet":  {leading: true, want: http.StatusServiceUnavailable},
		"leading and idle: no binding yet":          {leading: true, sliceSynced: true, want: http.StatusOK},
		"leading, one shard's runner still syncing": {leading: true, sliceSynced: true, runners: map[string]bool{urlA: true, urlB: false}, want: http.StatusServiceUnavailable},
		"leading, every runner synced":              {leading: true, sliceSynced: true, runners: map[string]bool{urlA: true, urlB: true}, want: http.StatusOK},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			s, baseURL, _ := startHealth(t)
			s.leading.Store(tc.leading)
			s.sliceSynced.Store(tc.sliceSynced)
			for url, synced := range tc.runners {
				addRunner(s, url, synced, nil)
			}
			code, body, err := get(t.Context(), t, baseURL+"/readyz")
			require.NoError(t, err)
			require.Equal(t, tc.want, code, body)
			if tc.want != http.StatusOK {
				require.Contains(t, body, "not ready")
			}
		})
	}
}

func TestServeHealthStop(t *testing.T) {
	t.Parallel()

	_, baseURL, stop := startHealth(t)
	code, _, err := get(t.Context(), t, baseURL+"/healthz")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)

	stop()
	_, _, err = get(t.Context(), t, baseURL+"/healthz")
	require.Error(t, err, "the server must be closed after stop")
}
