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
	mib := func(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }
	perSec := func(d time.Duration) string { return fmt.Sprintf("%.0f objects/s", float64(o.n)/d.Seconds()) }
	w := tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	row := func(cells ...string) { _, _ = fmt.Fprintln(w, strings.Join(cells, "\t")) }
	row("measure", "value", "detail")
	row("machine", machine(), "load avg "+r.loadBefore+" before, "+r.loadAfter+" after")
	row("load", fmt.Sprintf("N=%d W=%d, %d pairs", o.n, o.workspaces, len(r.pairs)),
		fmt.Sprintf("P=%d creates, workers=%d, qps=%g burst=%d per workspace", o.parallelism, o.workers, o.qps, o.burst))
	each, median, spread := ratios(r.pairs)
	var conflicts, counted float64
	for i, p := range r.pairs {
		f, c := p.floor, p.ctrl
		row(fmt.Sprintf("pair %d (b) floor: first create → last patch ack", i+1), secs(f.duration), perSec(f.duration)+", "+f.created.String())
		row("       CPU cores", f.cpu.String(), "")
		row(fmt.Sprintf("pair %d (a) controller: first create → all Ready", i+1), secs(c.duration), perSec(c.duration)+", "+c.created.String())
		row("       CPU cores", c.cpu.String(), "")
		row(fmt.Sprintf("pair %d ratio a/b", i+1), fmt.Sprintf("%.2f", each[i]), secs(c.duration)+" / "+secs(f.duration))
		conflicts, counted = conflicts+c.conflicts, counted+c.metricWrites
	}
	list := make([]string, len(each))
	for i, v := range each {
		list[i] = fmt.Sprintf("%.2f", v)
	}
	row(fmt.Sprintf("(c) ratio a/b: median of %d pairs", len(r.pairs)), fmt.Sprintf("%.2f", median),
		fmt.Sprintf("pairs %s; spread %.2f (max - min); goal ≤ 1.2", strings.Join(list, ", "), spread))
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
	_, _ = fmt.Fprintf(out, "SUMMARY n=%d workspaces=%d pairs=%d ratio=%.2f ratio_spread=%.2f writes_per_object=%.3f steady_writes=%d restart_writes=%d rss_per_object_kib=%.2f\n",
		o.n, o.workspaces, len(r.pairs), median, spread, r.writesPerObject(), r.steadyWrites(), r.restartWrites(), r.rssPerObjectKiB())
}
