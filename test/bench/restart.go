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
	"context"
	"fmt"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// queue is the controller's workqueue as labelled in client-go's metrics.
var queue = map[string]string{"name": "kcp-synctarget"}

// stateResult is what the last controller phase's manager did after its
// phase: its writes at rest and after a restart, and its memory.
type stateResult struct {
	steadyWatched int
	steadyMetric  float64
	restartWatch  int
	restartMetric float64
	before, after memSample // the manager with empty caches, then with N objects cached
	restarted     memSample // a new manager, started with N objects
}

// checkState watches run's manager for writes during the steady window,
// samples its memory, then restarts it (SIGTERM, a new manager on the same
// objects) and counts the writes the new one sends: it must find every
// status right and send none.
func checkState(ctx context.Context, e *env, o *options, run *ctrlRun, before memSample) (*stateResult, error) {
	res := &stateResult{before: before}
	ms, err := scrapeOnce(ctx, run.m)
	if err != nil {
		return nil, err
	}
	logf("steady: watching for writes for %s", o.steady)
	w0, m0 := run.rec.Totals().Writes, run.counted(ms)
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(o.steady): // A window in which nothing may happen, not a wait for something.
	}
	if ms, err = scrapeOnce(ctx, run.m); err != nil {
		return nil, err
	}
	if res.steadyWatched, res.steadyMetric = run.rec.Totals().Writes-w0, run.counted(ms)-m0; ms.err != nil {
		return nil, ms.err
	}
	if res.after, err = sampleMemory(ctx, run.m); err != nil {
		return nil, err
	}
	return res, restart(ctx, e, o, run, res)
}

func restart(ctx context.Context, e *env, o *options, run *ctrlRun, res *stateResult) error {
	if err := run.m.Stop(); err != nil {
		return err
	}
	w0 := run.rec.Totals().Writes
	logf("restart: manager stopped, starting a new one")
	m2, err := startManager(ctx, e, run.side, o, run.side.name+"-restarted")
	if err != nil {
		return err
	}
	defer stopManager(m2)
	// Drained: every object was queued once (the initial list) and nothing
	// is queued or in flight.
	err = pollMetrics(ctx, m2, o.phaseTimeout(), func(ms *scrape) bool {
		return ms.sum("workqueue_adds_total", queue) >= float64(o.n) &&
			ms.sum("workqueue_depth", queue) == 0 &&
			ms.sum("workqueue_unfinished_work_seconds", queue) == 0
	})
	if err != nil {
		return fmt.Errorf("waiting for the restarted manager to drain its queue: %w", err)
	}
	logf("restart: queue drained; watching %s more for late writes", o.restartWindow)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(o.restartWindow): // A window in which nothing may happen.
	}
	ms, err := scrapeOnce(ctx, m2)
	if err != nil {
		return err
	}
	if res.restartWatch, res.restartMetric = run.rec.Totals().Writes-w0, ms.writes(); ms.err != nil {
		return ms.err
	}
	res.restarted, err = sampleMemory(ctx, m2)
	return err
}

// memSample is the manager's memory at one moment.
type memSample struct {
	rss, heapInUse, heapLive float64 // bytes; live: marked by the last GC
}

func sampleMemory(ctx context.Context, m *framework.Manager) (memSample, error) {
	rss, err := m.RSSBytes()
	if err != nil {
		return memSample{}, err
	}
	ms, err := scrapeOnce(ctx, m)
	if err != nil {
		return memSample{}, err
	}
	s := memSample{
		rss:       float64(rss),
		heapInUse: ms.sum("go_memstats_heap_inuse_bytes", nil),
		heapLive:  ms.sum("go_gc_heap_live_bytes", nil),
	}
	return s, ms.err
}

// perObjectKiB is the growth from before to after per object, in KiB.
func perObjectKiB(before, after float64, n int) float64 {
	return (after - before) / 1024 / float64(n)
}
