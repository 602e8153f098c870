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

package synctarget

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/klog/v2/ktesting"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/pkg/server"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	exportName = "workload.kcp.io"
	timeout    = framework.ConvergeTimeout
	tick       = 100 * time.Millisecond
)

// controllerProcess is a controller manager (pkg/server) running in-process.
type controllerProcess struct {
	srv    *server.Server
	cancel context.CancelFunc
	done   chan error
}

// startController runs pkg/server with the given kubeconfig against provider.
// The cleanup stops it if the test did not.
func startController(t *testing.T, kubeconfig, kubeContext string, provider logicalcluster.Path, bootstrap bool) *controllerProcess {
	t.Helper()

	opts := server.NewOptions()
	opts.Kubeconfig, opts.Context = kubeconfig, kubeContext
	opts.ProviderWorkspace = provider.String()
	opts.Bootstrap = bootstrap
	opts.BindAddress = "127.0.0.1:0"
	config, err := server.NewConfig(opts)
	require.NoError(t, err)

	_, ctx := ktesting.NewTestContext(t)
	ctx, cancel := context.WithCancel(ctx)
	c := &controllerProcess{srv: server.NewServer(config), cancel: cancel, done: make(chan error, 1)}
	go func() { c.done <- c.srv.Run(ctx) }()
	t.Cleanup(func() { c.stop(t) })
	return c
}

// stop cancels the server and waits for Run to return; it may be called twice.
func (c *controllerProcess) stop(t *testing.T) {
	t.Helper()
	c.cancel()
	select {
	case err, ok := <-c.done:
		if ok {
			require.NoError(t, err)
			close(c.done)
		}
	case <-time.After(timeout):
		require.Fail(t, "the controller did not stop within 30 s")
	}
}

// waitReady waits until /readyz answers 200: caches synced, workers running.
func (c *controllerProcess) waitReady(t *testing.T) {
	t.Helper()
	require.Eventually(t, func() bool {
		addr := c.srv.HealthAddr()
		if addr == "" {
			return false
		}
		code, _, err := httpGet(t.Context(), "http://"+addr+"/readyz")
		return err == nil && code == http.StatusOK
	}, timeout, tick, "the controller never became ready")
}

// metric scrapes /metrics and returns the sample named exactly series (name
// plus labels, as exposed).
func (c *controllerProcess) metric(t *testing.T, series string) float64 {
	t.Helper()
	v, err := c.metricValue(t.Context(), series)
	require.NoError(t, err)
	return v
}

// metricEquals is metric for polling conditions: errors count as "not yet".
func (c *controllerProcess) metricEquals(ctx context.Context, series string, want float64) bool {
	v, err := c.metricValue(ctx, series)
	return err == nil && v == want
}

func (c *controllerProcess) metricValue(ctx context.Context, series string) (float64, error) {
	code, body, err := httpGet(ctx, "http://"+c.srv.HealthAddr()+"/metrics")
	if err != nil {
		return 0, err
	}
	if code != http.StatusOK {
		return 0, fmt.Errorf("/metrics answered %d: %s", code, body)
	}
	for line := range strings.Lines(body) {
		if value, found := strings.CutPrefix(strings.TrimSpace(line), series+" "); found {
			return strconv.ParseFloat(value, 64)
		}
	}
	return 0, fmt.Errorf("%s is not in /metrics", series)
}

func httpGet(ctx context.Context, url string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, http.NoBody)
	if err != nil {
		return 0, "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}
