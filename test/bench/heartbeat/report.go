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
	memBefore, memAfter  float64 // RSS bytes before the SyncTargets existed, and after the steady window
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

func (r *result) kibPerTarget() float64 { return (r.memAfter - r.memBefore) / 1024 / float64(r.o.n) }

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
	if r.kibPerTarget() > maxKiBPerTarget {
		m = append(m, fmt.Sprintf("%.2f KiB RSS per SyncTarget, want <= %.1f", r.kibPerTarget(), maxKiBPerTarget))
	}
	return m
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
	fmt.Fprintf(out, "memory: %s RSS %.1f MiB before the SyncTargets, %.1f MiB after the steady window: %.2f KiB per SyncTarget\n",
		who, r.memBefore/(1<<20), r.memAfter/(1<<20), r.kibPerTarget())
	fmt.Fprintf(out, "detection of %d SIGSTOPped syncers, last renewal to Ready=Unknown: min %.2fs p50 %.2fs p90 %.2fs p99 %.2fs max %.2fs\n",
		len(r.detections), r.percentile(0.0001).Seconds(), r.percentile(50).Seconds(), r.percentile(90).Seconds(),
		r.percentile(99).Seconds(), r.percentile(100).Seconds())
	fmt.Fprintf(out, "false transitions among the %d live syncers' SyncTargets: %d\n", r.o.n-len(r.detections), r.falseTransitions)
	fmt.Fprintf(out, "SUMMARY mode=%s n=%d steady_status_writes=%d lease_write_ratio=%.3f detect_p50_s=%.2f detect_p99_s=%.2f false_transitions=%d rss_per_target_kib=%.2f cpu_cores=%.3f\n",
		r.mode(), r.o.n, r.steadyWrites, r.leaseWriteRatio(), r.percentile(50).Seconds(), r.percentile(99).Seconds(),
		r.falseTransitions, r.kibPerTarget(), r.cpuCores)
}
