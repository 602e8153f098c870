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
	"k8s.io/component-base/metrics"

	// Registers the client-go workqueue metrics provider with the legacy registry.
	_ "k8s.io/component-base/metrics/prometheus/workqueue"
)

// syncTargetStats is what the synctarget controller reports.
type syncTargetStats interface {
	StatusWritesByReady() (ready, notReady int64)
	Conflicts() int64
	ReadyCounts() (ready, notReady int, err error)
}

var (
	statusWritesDesc = metrics.NewDesc("kcp_synctarget_status_writes_total",
		"Status patches the synctarget controller sent and kcp accepted, by the Ready status written.",
		[]string{"ready"}, nil, metrics.ALPHA, "")
	conflictsDesc = metrics.NewDesc("kcp_synctarget_status_conflicts_total",
		"Status patches refused with 409 Conflict because the SyncTarget changed meanwhile; each is retried.",
		nil, nil, metrics.ALPHA, "")
	syncTargetsDesc = metrics.NewDesc("kcp_synctarget_synctargets",
		"SyncTargets in the controller's cache, by whether their Ready condition is True.",
		[]string{"ready"}, nil, metrics.ALPHA, "")
)

// syncTargetCollector reads the controller's counters at scrape time.
type syncTargetCollector struct {
	metrics.BaseStableCollector
	stats syncTargetStats
}

func newSyncTargetCollector(stats syncTargetStats) metrics.StableCollector {
	return &syncTargetCollector{stats: stats}
}

func (c *syncTargetCollector) DescribeWithStability(ch chan<- *metrics.Desc) {
	ch <- statusWritesDesc
	ch <- conflictsDesc
	ch <- syncTargetsDesc
}

func (c *syncTargetCollector) CollectWithStability(ch chan<- metrics.Metric) {
	readyWrites, notReadyWrites := c.stats.StatusWritesByReady()
	ch <- metrics.NewLazyConstMetric(statusWritesDesc, metrics.CounterValue, float64(readyWrites), "true")
	ch <- metrics.NewLazyConstMetric(statusWritesDesc, metrics.CounterValue, float64(notReadyWrites), "false")
	ch <- metrics.NewLazyConstMetric(conflictsDesc, metrics.CounterValue, float64(c.stats.Conflicts()))
	if ready, notReady, err := c.stats.ReadyCounts(); err == nil {
		ch <- metrics.NewLazyConstMetric(syncTargetsDesc, metrics.GaugeValue, float64(ready), "true")
		ch <- metrics.NewLazyConstMetric(syncTargetsDesc, metrics.GaugeValue, float64(notReady), "false")
	}
}
