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
	"math"
	"slices"
	"time"
)

// Goals: from the heartbeat issue.
const (
	maxLeaseWriteRatio = 1.05 // Lease writes per second against the floor n/renew
	maxDetectSlack     = 2 * time.Second
	maxKiBPerTarget    = 3.0
)

type result struct {
	o                    *options
	steadyWrites         int
	leaseWritesPerSecond float64
	cpuCores             float64
	firstBatch           int                // SyncTargets of the first batch
	memFirst, memAll     memSample          // the first batch beating; all of them
	memEmpty, memFull    map[bool]memSample // in tree, by the gates: before any SyncTarget; with all
	detections           []time.Duration
	falseTransitions     int
}

func (r *result) mode() string {
	if r.o.inTree {
		return "in-tree"
	}
	return "external"
}

// floor is the Lease writes per second the syncers must send: one per renewal.
func (r *result) floor() float64 { return float64(r.o.n) / r.o.renew.Seconds() }

func (r *result) leaseWriteRatio() float64 { return r.leaseWritesPerSecond / r.floor() }

// kibPerTarget is the memory f of a SyncTarget with its Lease: out of tree
// the manager's growth from the first batch to all, per target added; in
// tree what the gates cost kcp with every target stored (the extra ones
// too) above what they cost with none, per target.
func (r *result) kibPerTarget(f func(memSample) float64) float64 {
	if r.o.inTree {
		return (r.gatesCost(r.memFull, f) - r.gatesCost(r.memEmpty, f)) / 1024 / float64(r.stored())
	}
	return (f(r.memAll) - f(r.memFirst)) / 1024 / float64(r.o.n-r.firstBatch)
}

// stored is how many SyncTargets kcp holds in the last memory samples.
func (r *result) stored() int { return r.o.n + r.o.memExtra }

// gatesCost is f with the gates on minus f with them off.
func (r *result) gatesCost(m map[bool]memSample, f func(memSample) float64) float64 {
	return f(m[true]) - f(m[false])
}

func rss(s memSample) float64  { return s.rss }
func heap(s memSample) float64 { return s.heap }

// percentile is the nearest-rank p-th percentile of the detection latencies.
func (r *result) percentile(p float64) time.Duration {
	if len(r.detections) == 0 {
		return 0
	}
	d := slices.Clone(r.detections)
	slices.Sort(d)
	return d[int(math.Ceil(p/100*float64(len(d))))-1]
}

func (r *result) misses() []string {
	var m []string
	if r.steadyWrites != 0 {
		m = append(m, fmt.Sprintf("%d SyncTarget writes in the steady window, want 0", r.steadyWrites))
	}
	if r.leaseWriteRatio() > maxLeaseWriteRatio {
		m = append(m, fmt.Sprintf("Lease writes at %.3f x the floor, want <= %.2f", r.leaseWriteRatio(), maxLeaseWriteRatio))
	}
	if p99 := r.percentile(99); p99 > r.o.lease+maxDetectSlack {
		m = append(m, fmt.Sprintf("detection p99 %.1fs, want <= lease + %s = %.1fs", p99.Seconds(), maxDetectSlack, (r.o.lease+maxDetectSlack).Seconds()))
	}
	if r.falseTransitions != 0 {
		m = append(m, fmt.Sprintf("%d transitions of live syncers' SyncTargets, want 0", r.falseTransitions))
	}
	if v, what := r.judgedMemory(); v > maxKiBPerTarget {
		m = append(m, fmt.Sprintf("%.2f KiB %s per SyncTarget, want <= %.1f", v, what, maxKiBPerTarget))
	}
	return m
}

// judgedMemory is the memory per target the goal is judged on: out of tree
// the manager's RSS, its own process's; in tree kcp's live heap, since the
// process is all of kcp, whose RSS two restarts apart differs by tens of
// MiB (its GC's headroom and the pages of its start-up lists: ±10 KiB per
// target at 5000), while its settled live heap repeats.
func (r *result) judgedMemory() (float64, string) {
	if r.o.inTree {
		return r.kibPerTarget(heap), "live heap"
	}
	return r.kibPerTarget(rss), "RSS"
}

func (r *result) print(out io.Writer) {
	who := "manager"
	if r.o.inTree {
		who = "kcp (controller inside)"
	}
	fmt.Fprintf(out, "mode %s: n=%d syncers in %d hosts, lease %s, renew %s, steady window %s\n",
		r.mode(), r.o.n, r.o.hosts, r.o.lease, r.o.renew, r.o.steady)
	fmt.Fprintf(out, "steady: %d SyncTarget writes; %.2f Lease writes/s against a floor of %.2f (ratio %.3f); %s CPU %.3f cores\n",
		r.steadyWrites, r.leaseWritesPerSecond, r.floor(), r.leaseWriteRatio(), who, r.cpuCores)
	if r.o.inTree {
		fmt.Fprintf(out, "memory: kcp with the gates on minus off, RSS %.1f MiB (no SyncTargets) -> %.1f MiB (%d): %.2f KiB per SyncTarget; live heap %.1f -> %.1f MiB: %.2f KiB\n",
			r.gatesCost(r.memEmpty, rss)/(1<<20), r.gatesCost(r.memFull, rss)/(1<<20), r.stored(), r.kibPerTarget(rss),
			r.gatesCost(r.memEmpty, heap)/(1<<20), r.gatesCost(r.memFull, heap)/(1<<20), r.kibPerTarget(heap))
	} else {
		fmt.Fprintf(out, "memory: manager RSS %.1f MiB (%d SyncTargets) -> %.1f MiB (%d): %.2f KiB per SyncTarget; live heap %.1f -> %.1f MiB: %.2f KiB\n",
			r.memFirst.rss/(1<<20), r.firstBatch, r.memAll.rss/(1<<20), r.o.n, r.kibPerTarget(rss),
			r.memFirst.heap/(1<<20), r.memAll.heap/(1<<20), r.kibPerTarget(heap))
	}
	fmt.Fprintf(out, "detection of %d SIGSTOPped syncers, last renewal to Ready=Unknown: min %.2fs p50 %.2fs p90 %.2fs p99 %.2fs max %.2fs\n",
		len(r.detections), r.percentile(0.0001).Seconds(), r.percentile(50).Seconds(), r.percentile(90).Seconds(),
		r.percentile(99).Seconds(), r.percentile(100).Seconds())
	fmt.Fprintf(out, "false transitions among the %d live syncers' SyncTargets: %d\n", r.o.n-len(r.detections), r.falseTransitions)
	fmt.Fprintf(out, "SUMMARY mode=%s n=%d steady_status_writes=%d lease_write_ratio=%.3f detect_p50_s=%.2f detect_p99_s=%.2f false_transitions=%d rss_per_target_kib=%.2f heap_per_target_kib=%.2f cpu_cores=%.3f\n",
		r.mode(), r.o.n, r.steadyWrites, r.leaseWriteRatio(), r.percentile(50).Seconds(), r.percentile(99).Seconds(),
		r.falseTransitions, r.kibPerTarget(rss), r.kibPerTarget(heap), r.cpuCores)
}
