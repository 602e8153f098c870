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
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/component-base/metrics"
)

// get sends a GET to url and returns the status code and body.
func get(ctx context.Context, t *testing.T, url string) (int, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, http.NoBody)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(body), nil
}

// startHealth serves the health endpoints of a server with the SyncTarget
// metrics on a free port and returns the base URL.
func startHealth(t *testing.T, ready bool) (s *Server, baseURL string, stop func()) {
	t.Helper()
	s = &Server{metrics: metrics.NewKubeRegistry()}
	require.NoError(t, s.metrics.CustomRegister(newSyncTargetCollector(&fakeStats{readyWrites: 2, conflicts: 3, ready: 1})))
	s.ready.Store(ready)
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	stop = s.serveHealth(t.Context(), ln)
	t.Cleanup(stop)
	return s, "http://" + ln.Addr().String(), stop
}

func TestServeHealth(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		path       string
		ready      bool
		wantCode   int
		wantInBody []string
	}{
		"healthz before ready": {
			path:       "/healthz",
			wantCode:   http.StatusOK,
			wantInBody: []string{"ok"},
		},
		"healthz when ready": {
			path:       "/healthz",
			ready:      true,
			wantCode:   http.StatusOK,
			wantInBody: []string{"ok"},
		},
		"readyz before ready": {
			path:       "/readyz",
			wantCode:   http.StatusServiceUnavailable,
			wantInBody: []string{"not ready", "virtual workspace"},
		},
		"readyz when ready": {
			path:       "/readyz",
			ready:      true,
			wantCode:   http.StatusOK,
			wantInBody: []string{"ok"},
		},
		"metrics serve the SyncTarget collector": {
			path:     "/metrics",
			wantCode: http.StatusOK,
			wantInBody: []string{
				`kcp_synctarget_status_writes_total{ready="true"} 2`,
				"kcp_synctarget_status_conflicts_total 3",
				`kcp_synctarget_synctargets{ready="true"} 1`,
			},
		},
		"unknown path": {
			path:     "/debug/pprof/",
			wantCode: http.StatusNotFound,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			_, baseURL, _ := startHealth(t, tc.ready)
			code, body, err := get(t.Context(), t, baseURL+tc.path)
			require.NoError(t, err)
			require.Equal(t, tc.wantCode, code, body)
			for _, want := range tc.wantInBody {
				require.Contains(t, body, want)
			}
		})
	}
}

func TestServeHealthReadinessFollowsTheServer(t *testing.T) {
	t.Parallel()

	s, baseURL, _ := startHealth(t, false)
	code, _, err := get(t.Context(), t, baseURL+"/readyz")
	require.NoError(t, err)
	require.Equal(t, http.StatusServiceUnavailable, code)

	s.ready.Store(true)
	code, _, err = get(t.Context(), t, baseURL+"/readyz")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)

	s.ready.Store(false)
	code, _, err = get(t.Context(), t, baseURL+"/readyz")
	require.NoError(t, err)
	require.Equal(t, http.StatusServiceUnavailable, code, "a stopping server is not ready")
}

func TestServeHealthStop(t *testing.T) {
	t.Parallel()

	_, baseURL, stop := startHealth(t, true)
	code, _, err := get(t.Context(), t, baseURL+"/healthz")
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)

	stop()
	_, _, err = get(t.Context(), t, baseURL+"/healthz")
	require.Error(t, err, "the server must be closed after stop")
}
