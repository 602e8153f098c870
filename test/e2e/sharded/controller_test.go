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

package sharded

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// controllerProc is a synctarget-controller process, named for the logs.
type controllerProc struct {
	*framework.Manager
	name string
}

// startController runs the controller for provider with kubeconfig (whose
// current context or --context in args points into kcp) and args. The cleanup
// stops it and, if the test failed, logs its last lines.
func startController(t *testing.T, name, kubeconfig string, provider logicalcluster.Path, args ...string) *controllerProc {
	t.Helper()
	args = append([]string{"--kubeconfig=" + kubeconfig, "--provider-workspace=" + provider.String()}, args...)
	m, err := framework.StartManager(t.Context(), controllerBin, filepath.Join(t.TempDir(), name+".log"), args...)
	require.NoError(t, err)
	c := &controllerProc{Manager: m, name: name}
	t.Cleanup(func() {
		c.stop(t)
		if t.Failed() {
			t.Logf("last lines of %s:\n%s", c.name, c.LogTail(40))
		}
	})
	require.Eventually(t, func() bool { _, err := c.metric(t.Context(), "kcp_synctarget_leader"); return err == nil },
		timeout, tick, "%s never served /metrics", name)
	return c
}

// stop sends SIGTERM and waits for the process to exit; it may be called twice.
func (c *controllerProc) stop(t *testing.T) {
	t.Helper()
	if err := c.Stop(); err != nil {
		t.Errorf("%s: %v", c.name, err)
	}
}

// kill sends SIGKILL and waits until the process is gone.
func (c *controllerProc) kill(t *testing.T) {
	t.Helper()
	require.NoError(t, c.Kill())
}

// metric returns the value of the sample named exactly series (name plus
// labels, as exposed) on /metrics.
func (c *controllerProc) metric(ctx context.Context, series string) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ms, err := c.Metrics(ctx)
	if err != nil {
		return 0, err
	}
	if v, ok := ms.Series(series); ok {
		return v, nil
	}
	return 0, fmt.Errorf("%s is not on %s's /metrics", series, c.name)
}

// value is metric for assertions on counts: the sample must exist.
func (c *controllerProc) value(t *testing.T, series string) int {
	t.Helper()
	v, err := c.metric(t.Context(), series)
	require.NoError(t, err)
	return int(v)
}

// waitFor waits until series equals want.
func (c *controllerProc) waitFor(t *testing.T, series string, want int) {
	t.Helper()
	require.Eventually(t, func() bool { v, err := c.metric(t.Context(), series); return err == nil && int(v) == want },
		timeout, tick, "%s: %s never became %v", c.name, series, want)
}
