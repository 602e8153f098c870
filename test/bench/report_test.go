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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// goodRun is a run of three pairs of N=1000 that meets every goal: ratios
// 1.10, 1.30 (a neighbour's burst) and 1.05, so a median of 1.10 and a
// spread of 0.25; one write per object, none at rest or after the restart,
// 1.5 KiB of RSS per object.
func goodRun() *result {
	o := &options{n: 1000, workspaces: 10, pairs: 3, parallelism: 20, workers: 2, qps: 50, burst: 100, steady: time.Minute}
	pair := func(floor, ctrl time.Duration) pairResult {
		return pairResult{
			floor: &floorResult{duration: floor, patches: 1000, watched: framework.Totals{Writes: 1000, Ready: 1000}},
			ctrl:  &ctrlResult{duration: ctrl, watched: framework.Totals{Writes: 1000, Ready: 1000}, metricWrites: 1000},
		}
	}
	return &result{
		o:          o,
		pairs:      []pairResult{pair(10*time.Second, 11*time.Second), pair(10*time.Second, 13*time.Second), pair(20*time.Second, 21*time.Second)},
		state:      &stateResult{before: memSample{rss: 30 << 20}, after: memSample{rss: 30<<20 + 1500*1024}},
		loadBefore: "0.1", loadAfter: "0.2",
	}
}

func TestMisses(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		change func(*result)
		want   []string
	}{
		"every goal met, one pair slowed by a neighbour": {change: func(*result) {}},
		"slower than the floor in two pairs": {
			change: func(r *result) { r.pairs[0].ctrl.duration = 14 * time.Second },
			want:   []string{"median ratio 1.30 > 1.2"},
		},
		"a second write the manager did not count": {
			change: func(r *result) { r.pairs[1].ctrl.watched.Writes = 1001 },
			want:   []string{"pair 2: writes per object: the watch saw 1001 and the manager counted 1000 writes for 1000 objects, want exactly one each"},
		},
		"writes at rest and after the restart, seen by either side": {
			change: func(r *result) { r.state.steadyWatched, r.state.restartMetric = 2, 3 },
			want:   []string{"2 steady writes, want 0", "3 writes after a restart, want 0"},
		},
		"too much memory": {
			change: func(r *result) { r.state.after.rss = 30<<20 + 2500*1024 },
			want:   []string{"RSS 2.50 KiB per object > 2"},
		},
		"a floor that lost a patch": {
			change: func(r *result) { r.pairs[2].floor.watched.Writes = 999 },
			want:   []string{"pair 3: floor: 1000 patches, 999 watched writes for 1000 objects"},
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

func TestRatios(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		ctrl           []time.Duration // against floors of 10 s
		median, spread float64
	}{
		"odd count":  {ctrl: []time.Duration{11 * time.Second, 17 * time.Second, 10 * time.Second}, median: 1.1, spread: 0.7},
		"even count": {ctrl: []time.Duration{11 * time.Second, 12 * time.Second, 10 * time.Second, 30 * time.Second}, median: 1.15, spread: 2},
		"one pair":   {ctrl: []time.Duration{12 * time.Second}, median: 1.2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			pairs := make([]pairResult, 0, len(tc.ctrl))
			for _, c := range tc.ctrl {
				pairs = append(pairs, pairResult{floor: &floorResult{duration: 10 * time.Second}, ctrl: &ctrlResult{duration: c}})
			}
			each, median, spread := ratios(pairs)
			require.Len(t, each, len(tc.ctrl))
			require.InDelta(t, tc.median, median, 1e-9)
			require.InDelta(t, tc.spread, spread, 1e-9)
		})
	}
}
