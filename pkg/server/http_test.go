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
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
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

// healthy waits until s serves /healthz and returns its base URL.
func healthy(t *testing.T, s *Server) string {
	t.Helper()
	require.Eventually(t, func() bool {
		if s.HealthAddr() == "" {
			return false
		}
		code, _, err := get(t.Context(), t, "http://"+s.HealthAddr()+"/healthz")
		return err == nil && code == http.StatusOK
	}, waitFor, tick)
	return "http://" + s.HealthAddr()
}

// readyz returns the status code of baseURL/readyz.
func readyz(t *testing.T, baseURL string) int {
	t.Helper()
	code, _, err := get(t.Context(), t, baseURL+"/readyz")
	require.NoError(t, err)
	return code
}

// metric scrapes baseURL/metrics for the sample named exactly series (name
// and labels as exposed), a count; -1 when it is missing.
func metric(t *testing.T, baseURL, series string) int {
	t.Helper()
	_, body, err := get(t.Context(), t, baseURL+"/metrics")
	require.NoError(t, err)
	for line := range strings.Lines(body) {
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), series+" "); ok {
			v, err := strconv.Atoi(value)
			require.NoError(t, err)
			return v
		}
	}
	return -1
}
