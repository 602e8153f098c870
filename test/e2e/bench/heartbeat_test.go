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

package bench

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestBenchHeartbeatSmallRun runs `make bench-heartbeat` out of tree with 20
// syncers in 5 hosts (so 4 are stopped), a 6 s lease and a 20 s steady
// window: its SyncTarget writes, transitions and detections must hold at any
// size. Its memory per target is noise here, and its Lease write ratio
// carries the manager's own leader-election Lease (0.5/s, 5% of this floor):
// they may miss.
func TestBenchHeartbeatSmallRun(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "bench-heartbeat")
	require.NoError(t, framework.GoBuild(t.Context(), "./test/bench/heartbeat", bin))
	root, err := framework.RepoRoot()
	require.NoError(t, err)
	cmd := exec.CommandContext(t.Context(), bin, "-n=20", "-w=2", "-hosts=5", "-lease=6s", "-renew=2s", "-steady=20s", "-timeout=10m")
	cmd.Dir, cmd.Env = root, framework.BinaryEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	t.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	if exitErr := (*exec.ExitError)(nil); errors.As(err, &exitErr) && exitErr.ExitCode() == 1 {
		for line := range strings.Lines(stderr.String()) {
			if missed, ok := strings.CutPrefix(strings.TrimSpace(line), "goal missed: "); ok {
				require.Regexp(t, `(KiB RSS per SyncTarget|^Lease writes at)`, missed)
			}
		}
	} else {
		require.NoError(t, err)
	}
	out := strings.TrimSpace(stdout.String())
	require.Regexp(t, `(?m)^detection of 4 SIGSTOPped syncers, last renewal to Ready=Unknown: min \d+\.\d\ds `, out)
	summary := regexp.MustCompile(`^SUMMARY mode=external n=20 steady_status_writes=0 lease_write_ratio=(\d\.\d{3}) ` +
		`detect_p50_s=(\d+\.\d\d) detect_p99_s=(\d+\.\d\d) false_transitions=0 rss_per_target_kib=-?\d+\.\d\d heap_per_target_kib=-?\d+\.\d\d cpu_cores=\d+\.\d{3}$`)
	lines := strings.Split(out, "\n")
	m := summary.FindStringSubmatch(lines[len(lines)-1])
	require.NotNil(t, m, "the last line is the SUMMARY")
	require.InDelta(t, 1.05, parse(t, m[1]), 0.15, "Lease writes counted: about one per renewal")
	require.LessOrEqual(t, parse(t, m[3]), 6.0+2.0, "p99 detection within the lease + 2 s")
	require.GreaterOrEqual(t, parse(t, m[2]), 6.0-0.2, "no detection before the lease expired")
}
