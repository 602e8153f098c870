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

// Package bench runs the `make bench` harness (test/bench) at a size where
// its timing and memory goals mean nothing but its bookkeeping must hold, so
// that a broken harness shows up in `make test`, not on the day someone
// measures.
package bench

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

func TestBenchHarnessSmallRun(t *testing.T) {
	t.Parallel()

	bin := filepath.Join(t.TempDir(), "bench")
	require.NoError(t, framework.GoBuild(t.Context(), "./test/bench", bin))
	root, err := framework.RepoRoot()
	require.NoError(t, err)

	cmd := exec.CommandContext(t.Context(), bin,
		"-n=40", "-w=2", "-p=4", "-steady=5s", "-restart-window=2s", "-timeout=10m")
	cmd.Dir = root
	cmd.Env = framework.BinaryEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())

	// Exit 1 is a missed goal: at 40 objects only the ratio and the memory
	// per object may miss (they are noise at this size). Exit 2 is a failure.
	if exitErr := (*exec.ExitError)(nil); errors.As(err, &exitErr) && exitErr.ExitCode() == 1 {
		for line := range strings.Lines(stderr.String()) {
			if missed, ok := strings.CutPrefix(strings.TrimSpace(line), "goal missed: "); ok {
				require.Regexp(t, `^(ratio|RSS) `, missed)
			}
		}
	} else {
		require.NoError(t, err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	require.Regexp(t,
		`^SUMMARY n=40 workspaces=2 ratio=\d+\.\d\d writes_per_object=1\.000 steady_writes=0 restart_writes=0 rss_per_object_kib=-?\d+\.\d\d$`,
		lines[len(lines)-1])
	require.Contains(t, stdout.String(), "(b) floor after (a)")
}
