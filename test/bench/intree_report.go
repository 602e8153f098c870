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
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// inTreeResult is one run of the in-tree bench.
type inTreeResult struct {
	o                     *options
	pairs                 []pairResult
	steadyCounted         float64 // kcp's status PATCHes in the steady window
	steadyWatched         int
	restartCounted        float64 // the restarted kcp's status PATCHes, all of them
	restartChanged        int     // resourceVersions changed over the restart
	drained               time.Duration
	stored                int // SyncTargets each kcp stores when its memory is sampled
	memOn, memOff         []memSample
	loadBefore, loadAfter string
}

func (r *inTreeResult) writesPerObject() float64 {
	var n float64
	for _, p := range r.pairs {
		n += p.ctrl.metricWrites
	}
	return n / float64(r.o.n*len(r.pairs))
}

func (r *inTreeResult) steadyWrites() int {
	return max(int(r.steadyCounted), r.steadyWatched)
}

func (r *inTreeResult) restartWrites() int {
	return max(int(r.restartCounted), r.restartChanged)
}

// medianOf is the median of f over samples.
func medianOf(samples []memSample, f func(memSample) float64) float64 {
	v := make([]float64, 0, len(samples))
	for _, s := range samples {
		v = append(v, f(s))
	}
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	if mid := len(v) / 2; len(v)%2 == 0 {
		return (v[mid-1] + v[mid]) / 2
	}
	return v[len(v)/2]
}

func rss(s memSample) float64  { return s.rss }
func heap(s memSample) float64 { return s.heapLive }

// perStoredKiB is the gate-on kcp's f (median) above the gate-off one's,
// per stored SyncTarget, in KiB.
func (r *inTreeResult) perStoredKiB(f func(memSample) float64) float64 {
	return perObjectKiB(medianOf(r.memOff, f), medianOf(r.memOn, f), r.stored)
}

func (r *inTreeResult) misses() []string {
	var out []string
	n := float64(r.o.n)
	if _, v, _ := ratios(r.pairs); v > inTreeRatioGoal {
		out = append(out, fmt.Sprintf("median ratio %.2f > %g", v, inTreeRatioGoal))
	}
	for i, p := range r.pairs {
		if c := p.ctrl; c.metricWrites != n || c.watched.Writes != r.o.n {
			out = append(out, fmt.Sprintf("pair %d: writes per object: kcp counted %.0f status PATCHes and the watch saw %d writes for %d objects, want exactly one each", i+1, c.metricWrites, c.watched.Writes, r.o.n))
		}
		if f := p.floor; f.patches != int64(r.o.n) || f.watched.Writes != r.o.n || f.kcpPatches != n {
			out = append(out, fmt.Sprintf("pair %d: floor: %d patches, %.0f counted by kcp, %d watched writes for %d objects", i+1, f.patches, f.kcpPatches, f.watched.Writes, r.o.n))
		}
	}
	if v := r.steadyWrites(); v != 0 {
		out = append(out, fmt.Sprintf("%d steady writes, want 0", v))
	}
	if v := r.restartWrites(); v != 0 {
		out = append(out, fmt.Sprintf("%d writes after a restart, want 0", v))
	}
	if v := r.perStoredKiB(rss); v > 2 {
		out = append(out, fmt.Sprintf("RSS %.2f KiB per object > 2", v))
	}
	return out
}

func (r *inTreeResult) print(out io.Writer) {
	o := r.o
	w, row := table(out)
	header(row, o, len(r.pairs), r.loadBefore, r.loadAfter)
	median, spread := printPairs(row, o, r.pairs, inTreeRatioGoal)
	var counted, conflicts float64
	var watched int
	for _, p := range r.pairs {
		counted, conflicts, watched = counted+p.ctrl.metricWrites, conflicts+p.ctrl.conflicts, watched+p.ctrl.watched.Writes
	}
	row("(d) writes per object (kcp's count)", fmt.Sprintf("%.3f", r.writesPerObject()),
		fmt.Sprintf("%.0f status PATCHes counted by kcp (%.0f conflicts), %d writes watched", counted, conflicts, watched))
	row("(e) steady writes (last pair)", fmt.Sprint(r.steadyWrites()), fmt.Sprintf("%s window: %.0f counted by kcp, %d watched", o.steady, r.steadyCounted, r.steadyWatched))
	row("(e) restart writes", fmt.Sprint(r.restartWrites()),
		fmt.Sprintf("%.0f counted by the restarted kcp (drained %s after ready, then %s), %d resourceVersions changed", r.restartCounted, secs(r.drained), o.restartWindow, r.restartChanged))
	for _, m := range []struct {
		name string
		f    func(memSample) float64
	}{{"RSS", rss}, {"live heap", heap}} {
		row("(f) kcp "+m.name+": gate on − gate off", mib(medianOf(r.memOn, m.f))+" − "+mib(medianOf(r.memOff, m.f)),
			fmt.Sprintf("%.2f KiB per stored SyncTarget (%d in each kcp; medians of %d samples)", r.perStoredKiB(m.f), r.stored, len(r.memOn)))
		row("       samples, gate on", mibs(r.memOn, m.f), "")
		row("       samples, gate off", mibs(r.memOff, m.f), "")
	}
	_ = w.Flush()
	_, _ = fmt.Fprintf(out, "SUMMARY n=%d workspaces=%d pairs=%d ratio=%.2f ratio_spread=%.2f writes_per_object=%.3f steady_writes=%d restart_writes=%d rss_per_object_kib=%.2f mode=in-tree\n",
		o.n, o.workspaces, len(r.pairs), median, spread, r.writesPerObject(), r.steadyWrites(), r.restartWrites(), r.perStoredKiB(rss))
}

func mibs(samples []memSample, f func(memSample) float64) string {
	parts := make([]string, 0, len(samples))
	for _, s := range samples {
		parts = append(parts, fmt.Sprintf("%.1f", f(s)/(1<<20)))
	}
	return strings.Join(parts, " ") + " MiB"
}
