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

// goodRun is a run of N=1000 that meets every goal: ratio 1.1, one write per
// object, none at rest or after the restart, 1.5 KiB of RSS per object.
func goodRun() *result {
	o := &options{n: 1000, workspaces: 10, parallelism: 20, workers: 2, qps: 50, burst: 100, steady: time.Minute}
	floor := func(d time.Duration) *floorResult {
		return &floorResult{duration: d, patches: 1000, watched: framework.Totals{Writes: 1000, Ready: 1000}}
	}
	return &result{
		o:      o,
		floors: [2]*floorResult{floor(9 * time.Second), floor(11 * time.Second)},
		ctrl: &ctrlResult{
			duration:     11 * time.Second,
			watched:      framework.Totals{Writes: 1000, Ready: 1000},
			metricWrites: 1000,
			before:       memSample{rss: 30 << 20},
			after:        memSample{rss: 30<<20 + 1500*1024},
		},
		loadBefore: "0.1", loadAfter: "0.2",
	}
}

func TestMisses(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		change func(*result)
		want   []string
	}{
		"every goal met": {change: func(*result) {}},
		"slower than the floor": {
			change: func(r *result) { r.ctrl.duration = 13 * time.Second },
			want:   []string{"ratio 1.30 > 1.2"},
		},
		"a second write the manager did not count": {
			change: func(r *result) { r.ctrl.watched.Writes = 1001 },
			want:   []string{"writes per object: the watch saw 1001 and the manager counted 1000 writes for 1000 objects, want exactly one each"},
		},
		"writes at rest and after the restart, seen by either side": {
			change: func(r *result) { r.ctrl.steadyWatched, r.ctrl.restartMetric = 2, 3 },
			want:   []string{"2 steady writes, want 0", "3 writes after a restart, want 0"},
		},
		"too much memory": {
			change: func(r *result) { r.ctrl.after.rss = 30<<20 + 2500*1024 },
			want:   []string{"RSS 2.50 KiB per object > 2"},
		},
		"a floor that lost a patch": {
			change: func(r *result) { r.floors[1].watched.Writes = 999 },
			want:   []string{"floor: 1000 patches, 999 watched writes for 1000 objects"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			r := goodRun()
			tc.change(r)
			require.Equal(t, tc.want, r.misses())
		})
	}
}

func TestPrintEndsWithTheSummary(t *testing.T) {
	t.Parallel()

	var out bytes.Buffer
	goodRun().print(&out)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Equal(t, "SUMMARY n=1000 workspaces=10 ratio=1.10 writes_per_object=1.000 steady_writes=0 restart_writes=0 rss_per_object_kib=1.50",
		lines[len(lines)-1])
	require.Contains(t, out.String(), "(b) floor: mean of both")
	require.Contains(t, out.String(), "10.00 s")
}

func TestBenchRefusesNonsense(t *testing.T) {
	t.Parallel()

	_, err := bench(t.Context(), &options{n: 0, workspaces: 1, parallelism: 1, workers: 1})
	require.EqualError(t, err, "-n, -w, -p and -workers must be positive")
}
