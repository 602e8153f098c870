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

package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// goodInTreeRun is an in-tree run of three pairs of N=1000 that meets every
// goal: ratios 1.05, 1.30 (a neighbour's burst) and 1.00, so a median of
// 1.05; one status PATCH per object, none at rest or after the restart;
// 1 KiB more RSS per stored object with the gate on.
func goodInTreeRun() *inTreeResult {
	o := &options{n: 1000, workspaces: 10, pairs: 3, parallelism: 20, workers: 2, qps: 50, burst: 100, steady: time.Minute, restartWindow: 10 * time.Second}
	pair := func(floor, ctrl time.Duration) pairResult {
		return pairResult{
			floor: &floorResult{duration: floor, patches: 1000, kcpPatches: 1000, watched: framework.Totals{Writes: 1000, Ready: 1000}},
			ctrl:  &ctrlResult{duration: ctrl, watched: framework.Totals{Writes: 1000, Ready: 1000}, metricWrites: 1000},
		}
	}
	mem := func(mib ...float64) []memSample {
		out := make([]memSample, 0, len(mib))
		for _, m := range mib {
			out = append(out, memSample{rss: m * (1 << 20), heapLive: m / 2 * (1 << 20)})
		}
		return out
	}
	// 3000 stored objects, 1 KiB each: medians 502.93 and 500 MiB (the outliers do not count).
	return &inTreeResult{
		o:      o,
		pairs:  []pairResult{pair(10*time.Second, 10500*time.Millisecond), pair(10*time.Second, 13*time.Second), pair(20*time.Second, 20*time.Second)},
		stored: 3000,
		memOn:  mem(520, 502.9296875, 502, 503, 502.9296875),
		memOff: mem(480, 500, 499, 501, 500),
	}
}

func TestInTreeMisses(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		change func(*inTreeResult)
		want   []string
	}{
		"every goal met": {change: func(*inTreeResult) {}},
		"slower than the in-tree goal": {
			change: func(r *inTreeResult) { r.pairs[0].ctrl.duration = 11500 * time.Millisecond },
			want:   []string{"median ratio 1.15 > 1.1"},
		},
		"a conflict is one write more": {
			change: func(r *inTreeResult) { r.pairs[1].ctrl.metricWrites = 1001 },
			want:   []string{"pair 2: writes per object: kcp counted 1001 status PATCHes and the watch saw 1000 writes for 1000 objects, want exactly one each"},
		},
		"writes at rest and after the restart": {
			change: func(r *inTreeResult) { r.steadyCounted, r.restartChanged = 1, 2 },
			want:   []string{"1 steady writes, want 0", "2 writes after a restart, want 0"},
		},
		"a floor patch kcp did not count": {
			change: func(r *inTreeResult) { r.pairs[2].floor.kcpPatches = 999 },
			want:   []string{"pair 3: floor: 1000 patches, 999 counted by kcp, 1000 watched writes for 1000 objects"},
		},
		"too much memory": {
			change: func(r *inTreeResult) { r.memOn = []memSample{{rss: 500<<20 + 3000*3*1024}} },
			want:   []string{"RSS 3.00 KiB per object > 2"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			r := goodInTreeRun()
			tc.change(r)
			require.Equal(t, tc.want, r.misses())
		})
	}
}

func TestInTreePrintEndsWithTheSummary(t *testing.T) {
	t.Parallel()

	var out bytes.Buffer
	goodInTreeRun().print(&out)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Equal(t, "SUMMARY n=1000 workspaces=10 pairs=3 ratio=1.05 ratio_spread=0.30 writes_per_object=1.000 steady_writes=0 restart_writes=0 rss_per_object_kib=1.00 mode=in-tree",
		lines[len(lines)-1])
	for _, want := range []string{
		`(?m)^\(c\) ratio a/b: median of 3 pairs +1\.05 +pairs 1\.05, 1\.30, 1\.00; spread 0\.30 \(max - min\); goal ≤ 1\.1$`,
		`(?m)^\(d\) writes per object \(kcp's count\) +1\.000 +3000 status PATCHes counted by kcp \(0 conflicts\), 3000 writes watched$`,
		`(?m)^\(f\) kcp RSS: gate on − gate off +502\.9 MiB − 500\.0 MiB +1\.00 KiB per stored SyncTarget \(3000 in each kcp; medians of 5 samples\)$`,
		`(?m)^ +samples, gate off +480\.0 500\.0 499\.0 501\.0 500\.0 MiB`,
	} {
		require.Regexp(t, want, out.String())
	}
}
