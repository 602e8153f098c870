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

// result is one benchmark run.
type result struct {
	o                     *options
	floors                [2]*floorResult // before and after the controller's run
	ctrl                  *ctrlResult
	loadBefore, loadAfter string
}

// floor is the mean of the two floor runs, one before and one after the
// controller's: kcp's state (objects, revisions, its own heap) grows during a
// run, and the controller's run sits in the middle of it.
func (r *result) floor() time.Duration { return (r.floors[0].duration + r.floors[1].duration) / 2 }

func (r *result) ratio() float64 { return r.ctrl.duration.Seconds() / r.floor().Seconds() }

func (r *result) writesPerObject() float64 { return float64(r.ctrl.watched.Writes) / float64(r.o.n) }

// steadyWrites and restartWrites take the larger of what kcp's watch and
// the manager's counter saw.
func (r *result) steadyWrites() int { return max(r.ctrl.steadyWatched, int(r.ctrl.steadyMetric)) }

func (r *result) restartWrites() int { return max(r.ctrl.restartWatch, int(r.ctrl.restartMetric)) }

func (r *result) rssPerObjectKiB() float64 {
	return perObjectKiB(r.ctrl.before.rss, r.ctrl.after.rss, r.o.n)
}

// misses lists the goals of issue 7 this run did not meet.
func (r *result) misses() []string {
	var out []string
	if v := r.ratio(); v > 1.2 {
		out = append(out, fmt.Sprintf("ratio %.2f > 1.2", v))
	}
	if w, m := r.ctrl.watched.Writes, int(r.ctrl.metricWrites); w != r.o.n || m != r.o.n {
		out = append(out, fmt.Sprintf("writes per object: the watch saw %d and the manager counted %d writes for %d objects, want exactly one each", w, m, r.o.n))
	}
	if v := r.steadyWrites(); v != 0 {
		out = append(out, fmt.Sprintf("%d steady writes, want 0", v))
	}
	if v := r.restartWrites(); v != 0 {
		out = append(out, fmt.Sprintf("%d writes after a restart, want 0", v))
	}
	if v := r.rssPerObjectKiB(); v > 2 {
		out = append(out, fmt.Sprintf("RSS %.2f KiB per object > 2", v))
	}
	for _, f := range r.floors {
		if f.patches != int64(r.o.n) || f.watched.Writes != r.o.n {
			out = append(out, fmt.Sprintf("floor: %d patches, %d watched writes for %d objects", f.patches, f.watched.Writes, r.o.n))
		}
	}
	return out
}

func (r *result) print(out io.Writer) {
	o, c := r.o, r.ctrl
	mib := func(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }
	perSec := func(d time.Duration) string { return fmt.Sprintf("%.0f objects/s", float64(o.n)/d.Seconds()) }
	w := tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)
	row := func(cells ...string) { _, _ = fmt.Fprintln(w, strings.Join(cells, "\t")) }
	row("measure", "value", "detail")
	row("machine", machine(), "load avg "+r.loadBefore+" before, "+r.loadAfter+" after")
	row("load", fmt.Sprintf("N=%d W=%d", o.n, o.workspaces),
		fmt.Sprintf("P=%d creates, workers=%d, qps=%g burst=%d per workspace", o.parallelism, o.workers, o.qps, o.burst))
	for i, when := range []string{"before", "after"} {
		f := r.floors[i]
		row("(b) floor "+when+" (a): first create → last patch ack", secs(f.duration), perSec(f.duration)+", "+f.created.String())
		row("    CPU cores", f.cpu.String(), "")
	}
	row("(b) floor: mean of both", secs(r.floor()), perSec(r.floor()))
	row("(a) controller: first create → all Ready", secs(c.duration), perSec(c.duration)+", "+c.created.String())
	row("    CPU cores", c.cpu.String(), "")
	row("(c) ratio a/b", fmt.Sprintf("%.2f", r.ratio()), "goal ≤ 1.2")
	row("(d) writes per object (watch)", fmt.Sprintf("%.3f", r.writesPerObject()),
		fmt.Sprintf("%d watched, %.0f counted by the manager, %.0f conflicts", c.watched.Writes, c.metricWrites, c.conflicts))
	row("(e) steady writes", fmt.Sprint(r.steadyWrites()), fmt.Sprintf("%s window: %d watched, %.0f counted", o.steady, c.steadyWatched, c.steadyMetric))
	row("(e) restart writes", fmt.Sprint(r.restartWrites()), fmt.Sprintf("%d watched, %.0f counted by the new manager", c.restartWatch, c.restartMetric))
	row("(f) RSS empty → N cached", mib(c.before.rss)+" → "+mib(c.after.rss),
		fmt.Sprintf("%.2f KiB/object; restarted with N: %s", r.rssPerObjectKiB(), mib(c.restarted.rss)))
	row("(f) heap in use empty → N cached", mib(c.before.heapInUse)+" → "+mib(c.after.heapInUse),
		fmt.Sprintf("%.2f KiB/object; restarted with N: %s", perObjectKiB(c.before.heapInUse, c.after.heapInUse, o.n), mib(c.restarted.heapInUse)))
	row("(f) live heap after GC empty → N cached", mib(c.before.heapLive)+" → "+mib(c.after.heapLive),
		fmt.Sprintf("%.2f KiB/object; restarted with N: %s", perObjectKiB(c.before.heapLive, c.after.heapLive, o.n), mib(c.restarted.heapLive)))
	_ = w.Flush()
	_, _ = fmt.Fprintf(out, "SUMMARY n=%d workspaces=%d ratio=%.2f writes_per_object=%.3f steady_writes=%d restart_writes=%d rss_per_object_kib=%.2f\n",
		o.n, o.workspaces, r.ratio(), r.writesPerObject(), r.steadyWrites(), r.restartWrites(), r.rssPerObjectKiB())
}

// creation is how long creating the N objects of a side took.
type creation struct {
	duration time.Duration
	retries  int
}

func (c creation) String() string {
	return fmt.Sprintf("creates done after %s (%d retried)", secs(c.duration), c.retries)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
