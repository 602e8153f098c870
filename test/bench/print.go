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
	"strings"
	"text/tabwriter"
	"time"
)

func (r *result) print(out io.Writer) {
	o, s := r.o, r.state
	w, row := table(out)
	header(row, o, len(r.pairs), r.loadBefore, r.loadAfter)
	median, spread := printPairs(row, o, r.pairs, externalRatioGoal)
	var conflicts, counted float64
	for _, p := range r.pairs {
		conflicts, counted = conflicts+p.ctrl.conflicts, counted+p.ctrl.metricWrites
	}
	row("(d) writes per object (watch)", fmt.Sprintf("%.3f", r.writesPerObject()),
		fmt.Sprintf("%d watched, %.0f counted by the managers, %.0f conflicts", r.watchedWrites(), counted, conflicts))
	row("(e) steady writes (last pair)", fmt.Sprint(r.steadyWrites()), fmt.Sprintf("%s window: %d watched, %.0f counted", o.steady, s.steadyWatched, s.steadyMetric))
	row("(e) restart writes (last pair)", fmt.Sprint(r.restartWrites()), fmt.Sprintf("%d watched, %.0f counted by the new manager", s.restartWatch, s.restartMetric))
	row("(f) RSS empty → N cached", mib(s.before.rss)+" → "+mib(s.after.rss),
		fmt.Sprintf("%.2f KiB/object; restarted with N: %s", r.rssPerObjectKiB(), mib(s.restarted.rss)))
	row("(f) heap in use empty → N cached", mib(s.before.heapInUse)+" → "+mib(s.after.heapInUse),
		fmt.Sprintf("%.2f KiB/object; restarted with N: %s", perObjectKiB(s.before.heapInUse, s.after.heapInUse, o.n), mib(s.restarted.heapInUse)))
	row("(f) live heap after GC empty → N cached", mib(s.before.heapLive)+" → "+mib(s.after.heapLive),
		fmt.Sprintf("%.2f KiB/object; restarted with N: %s", perObjectKiB(s.before.heapLive, s.after.heapLive, o.n), mib(s.restarted.heapLive)))
	_ = w.Flush()
	_, _ = fmt.Fprintf(out, "SUMMARY n=%d workspaces=%d pairs=%d ratio=%.2f ratio_spread=%.2f writes_per_object=%.3f steady_writes=%d restart_writes=%d rss_per_object_kib=%.2f mode=external\n",
		o.n, o.workspaces, len(r.pairs), median, spread, r.writesPerObject(), r.steadyWrites(), r.restartWrites(), r.rssPerObjectKiB())
}

func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }

// table is a tab-aligned table on out and its row function; flush w at the end.
func table(out io.Writer) (*tabwriter.Writer, func(cells ...string)) {
	w := tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	return w, func(cells ...string) { _, _ = fmt.Fprintln(w, strings.Join(cells, "\t")) }
}

func header(row func(...string), o *options, pairs int, loadBefore, loadAfter string) {
	row("measure", "value", "detail")
	row("machine", machine(), "load avg "+loadBefore+" before, "+loadAfter+" after")
	row("load", fmt.Sprintf("N=%d W=%d, %d pairs", o.n, o.workspaces, pairs),
		fmt.Sprintf("P=%d creates, workers=%d, qps=%g burst=%d per workspace", o.parallelism, o.workers, o.qps, o.burst))
}

// printPairs prints each pair's phases and ratio, then their median
// against goal, and returns the median and the spread.
func printPairs(row func(...string), o *options, pairs []pairResult, goal float64) (median, spread float64) {
	perSec := func(d time.Duration) string { return fmt.Sprintf("%.0f objects/s", float64(o.n)/d.Seconds()) }
	each, median, spread := ratios(pairs)
	for i, p := range pairs {
		f, c := p.floor, p.ctrl
		row(fmt.Sprintf("pair %d (b) floor: first create → last patch ack", i+1), secs(f.duration), perSec(f.duration)+", "+f.created.String())
		row("       CPU cores", f.cpu.String(), "")
		row(fmt.Sprintf("pair %d (a) controller: first create → all Ready", i+1), secs(c.duration), perSec(c.duration)+", "+c.created.String())
		row("       CPU cores", c.cpu.String(), "")
		row(fmt.Sprintf("pair %d ratio a/b", i+1), fmt.Sprintf("%.2f", each[i]), secs(c.duration)+" / "+secs(f.duration))
	}
	list := make([]string, len(each))
	for i, v := range each {
		list[i] = fmt.Sprintf("%.2f", v)
	}
	row(fmt.Sprintf("(c) ratio a/b: median of %d pairs", len(pairs)), fmt.Sprintf("%.2f", median),
		fmt.Sprintf("pairs %s; spread %.2f (max - min); goal ≤ %g", strings.Join(list, ", "), spread, goal))
	return median, spread
}
