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

// Package demo runs `make run` and `make run-external` as a user does: the
// demo program reaches a Ready SyncTarget, prints how to look at it, and on
// Ctrl-C stops everything it started.
package demo

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	readyTimeout = 4 * time.Minute // kcp's start, the workspace, the binding, the controller
	stopTimeout  = time.Minute
)

var (
	readyRow = regexp.MustCompile(`(?m)^east-1\s+root:demo\s+True\s`)
	kcpPID   = regexp.MustCompile(`kcp is ready: pid (\d+)`)
)

func TestDemo(t *testing.T) {
	t.Parallel()

	bin := buildDemo(t)
	tests := map[string]struct {
		args     []string
		wantHint string
	}{
		"make run: the controller inside kcp":          {args: []string{"-in-tree"}, wantHint: "--context system:admin get --raw /metrics"},
		"make run-external: the controller beside kcp": {wantHint: "curl http://127.0.0.1:"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			cmd := exec.CommandContext(t.Context(), bin, append(tc.args, "-dir="+t.TempDir())...)
			cmd.Env = framework.BinaryEnv()
			stdout, err := cmd.StdoutPipe()
			require.NoError(t, err)
			cmd.Stderr = cmd.Stdout
			require.NoError(t, cmd.Start())
			lines := make(chan string, 100)
			go func() {
				defer close(lines)
				for scanner := bufio.NewScanner(stdout); scanner.Scan(); {
					lines <- scanner.Text()
				}
			}()

			out := readUntil(t, lines, "Press Ctrl-C to stop everything.", readyTimeout)
			require.Regexp(t, readyRow, out, "the demo SyncTarget is shown Ready")
			require.Contains(t, out, "get synctargets", "the kubectl line is printed")
			require.Contains(t, out, tc.wantHint)
			match := kcpPID.FindStringSubmatch(out)
			require.NotNil(t, match, "the demo says which kcp it started")
			pid, err := strconv.Atoi(match[1])
			require.NoError(t, err)

			require.NoError(t, cmd.Process.Signal(os.Interrupt), "Ctrl-C")
			out = readUntil(t, lines, "", stopTimeout)
			require.NoError(t, cmd.Wait(), "the demo exits cleanly on Ctrl-C:\n%s", out)
			require.Contains(t, out, "Stopped everything this demo started.")
			require.ErrorIs(t, syscall.Kill(pid, 0), syscall.ESRCH, "kcp (pid %d) is gone", pid)
		})
	}
}

// readUntil collects output lines until one contains want ("" waits for the
// end of the output) and returns them; it fails after timeout.
func readUntil(t *testing.T, lines <-chan string, want string, timeout time.Duration) string {
	t.Helper()
	var out strings.Builder
	deadline := time.After(timeout)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				require.Empty(t, want, "the demo ended before printing %q:\n%s", want, out.String())
				return out.String()
			}
			out.WriteString(line + "\n")
			if want != "" && strings.Contains(line, want) {
				return out.String()
			}
		case <-deadline:
			require.Fail(t, "timed out", "waiting %s for %q; output so far:\n%s", timeout, want, out.String())
		}
	}
}
