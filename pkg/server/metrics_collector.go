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

package server

import (
	"slices"
	"strings"

	"k8s.io/component-base/metrics"
)

// endpointStats is a running runner as the metrics see it.
type endpointStats struct {
	url    string
	synced bool
	stats  syncTargetStats
}

// snapshot returns the running runners sorted by URL, the counters summed
// over every runner this set ever ran, and how many it started.
func (rs *runnerSet) snapshot() (endpoints []endpointStats, total counters, started int64) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	total = rs.retired
	for _, r := range rs.running {
		stats := r.syncTargetStats()
		total.add(stats)
		endpoints = append(endpoints, endpointStats{url: r.url, synced: r.synced.Load(), stats: stats})
	}
	for r := range rs.stopping {
		total.add(r.syncTargetStats())
	}
	slices.SortFunc(endpoints, func(a, b endpointStats) int { return strings.Compare(a.url, b.url) })
	return endpoints, total, rs.started
}

// collector reads the runners' controllers at scrape time.
type collector struct {
	metrics.BaseStableCollector
	runners *runnerSet
	leading func() bool
}

func newCollector(runners *runnerSet, leading func() bool) metrics.StableCollector {
	return &collector{runners: runners, leading: leading}
}

func (c *collector) DescribeWithStability(ch chan<- *metrics.Desc) {
	for _, d := range []*metrics.Desc{statusWritesDesc, conflictsDesc, deletedDesc, syncTargetsDesc, leaderDesc, runnersDesc,
		runnerStartsDesc, endpointSyncedDesc, endpointWritesDesc, endpointConflictsDesc, endpointDeletedDesc, endpointSyncTargetsDesc} {
		ch <- d
	}
}

func (c *collector) CollectWithStability(ch chan<- metrics.Metric) {
	endpoints, total, started := c.runners.snapshot()
	counter := func(d *metrics.Desc, v int64, labels ...string) {
		ch <- metrics.NewLazyConstMetric(d, metrics.CounterValue, float64(v), labels...)
	}
	gauge := func(d *metrics.Desc, v int, labels ...string) {
		ch <- metrics.NewLazyConstMetric(d, metrics.GaugeValue, float64(v), labels...)
	}
	counter(statusWritesDesc, total.readyWrites, "true")
	counter(statusWritesDesc, total.notReadyWrites, "false")
	counter(conflictsDesc, total.conflicts)
	counter(deletedDesc, total.deleted)
	counter(runnerStartsDesc, started)
	gauge(runnersDesc, len(endpoints))
	gauge(leaderDesc, boolToInt(c.leading()))

	var ready, notReady int
	for _, e := range endpoints {
		gauge(endpointSyncedDesc, boolToInt(e.synced), e.url)
		if e.stats == nil {
			continue
		}
		var own counters
		own.add(e.stats)
		counter(endpointWritesDesc, own.readyWrites, e.url, "true")
		counter(endpointWritesDesc, own.notReadyWrites, e.url, "false")
		counter(endpointConflictsDesc, own.conflicts, e.url)
		counter(endpointDeletedDesc, own.deleted, e.url)
		if r, n, err := e.stats.ReadyCounts(); err == nil {
			gauge(endpointSyncTargetsDesc, r, e.url, "true")
			gauge(endpointSyncTargetsDesc, n, e.url, "false")
			ready, notReady = ready+r, notReady+n
		}
	}
	gauge(syncTargetsDesc, ready, "true")
	gauge(syncTargetsDesc, notReady, "false")
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
