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
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// controllerProc is a synctarget-controller process.
type controllerProc struct {
	name    string
	cmd     *exec.Cmd
	addr    string
	logPath string
	exited  chan struct{}
}

// startController runs the controller for provider with kubeconfig (whose
// current context or --context in args points into kcp) and args. The cleanup
// stops it and, if the test failed, logs its last lines.
func startController(t *testing.T, name, kubeconfig string, provider logicalcluster.Path, args ...string) *controllerProc {
	t.Helper()
	ports, err := framework.FreePorts(t.Context(), 1)
	require.NoError(t, err)
	c := &controllerProc{name: name, addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(ports[0])),
		logPath: filepath.Join(t.TempDir(), name+".log"), exited: make(chan struct{})}
	logFile, err := os.Create(c.logPath)
	require.NoError(t, err)
	args = append([]string{"--kubeconfig=" + kubeconfig, "--provider-workspace=" + provider.String(), "--bind-address=" + c.addr}, args...)
	c.cmd = exec.Command(controllerBin, args...) //nolint:noctx // Stopped by the cleanup, not by a context.
	c.cmd.Stdout, c.cmd.Stderr = logFile, logFile
	c.cmd.Env = framework.BinaryEnv()
	framework.StopWithParent(c.cmd)
	require.NoError(t, c.cmd.Start())
	go func() {
		_ = c.cmd.Wait()
		_ = logFile.Close()
		close(c.exited)
	}()
	t.Cleanup(func() {
		c.stop(t)
		if t.Failed() {
			t.Logf("last lines of %s:\n%s", c.name, c.logTail(40))
		}
	})
	require.Eventually(t, func() bool { _, err := c.metric(t.Context(), "kcp_synctarget_leader"); return err == nil },
		timeout, tick, "%s never served /metrics", name)
	return c
}

// stop sends SIGTERM and waits for the process to exit; it may be called twice.
func (c *controllerProc) stop(t *testing.T) {
	t.Helper()
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(timeout):
		_ = c.cmd.Process.Kill()
		<-c.exited
		t.Errorf("%s did not stop within %s of SIGTERM", c.name, timeout)
	}
}

// kill sends SIGKILL and waits until the process is gone.
func (c *controllerProc) kill(t *testing.T) {
	t.Helper()
	require.NoError(t, c.cmd.Process.Kill())
	<-c.exited
}

// metric returns the value of the sample named exactly series (name plus
// labels, as exposed) on /metrics.
func (c *controllerProc) metric(ctx context.Context, series string) (float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+c.addr+"/metrics", http.NoBody)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(body)) {
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), series+" "); ok {
			return strconv.ParseFloat(value, 64)
		}
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

func (c *controllerProc) logTail(n int) string {
	data, _ := os.ReadFile(c.logPath)
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
