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
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBenchHarnessInTreeSmallRun runs the in-tree mode (two kcps built with
// the controller inside, the gate off and on, alternating) at a size where
// only its bookkeeping means something: one status PATCH per object as kcp
// counts them, none at rest and none after a restart.
func TestBenchHarnessInTreeSmallRun(t *testing.T) {
	t.Parallel()

	out := runBench(t, "-in-tree", "-n=40", "-w=2", "-p=4", "-steady=5s", "-restart-window=2s", "-mem-window=3s", "-timeout=10m")
	checkPairs(t, out, `^SUMMARY n=40 workspaces=2 pairs=3 ratio=(\d+\.\d\d) ratio_spread=(\d+\.\d\d) `+
		`writes_per_object=1\.000 steady_writes=0 restart_writes=0 rss_per_object_kib=-?\d+\.\d\d mode=in-tree$`)
	for _, want := range []string{
		`(?m)^\(d\) writes per object \(kcp's count\) +1\.000 +120 status PATCHes counted by kcp \(0 conflicts\), 120 writes watched$`,
		`(?m)^\(e\) restart writes +0 +0 counted by the restarted kcp .*, 0 resourceVersions changed$`,
		// Both kcps store the same: 3 pairs of 40 and one warm-up object per workspace.
		`(?m)^\(f\) kcp RSS: gate on − gate off +\d+\.\d MiB − \d+\.\d MiB +-?\d+\.\d\d KiB per stored SyncTarget \(126 in each kcp; medians of 7 samples\)$`,
	} {
		require.Regexp(t, want, out)
	}
}
