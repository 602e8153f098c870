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
	"os"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// ctrlResult is what the real manager achieved on the controller side.
type ctrlResult struct {
	duration      time.Duration // first create to all N seen Ready=True
	created       creation
	cpu           cpuUse
	watched       framework.Totals
	metricWrites  float64
	conflicts     float64
	steadyWatched int
	steadyMetric  float64
	restartWatch  int
	restartMetric float64
	before, after memSample // first manager: empty caches, then N objects cached
	restarted     memSample // second manager, started with N objects
}

// runController starts the manager with its default flags (plus what the
// user set) and measures creation to Ready, writes, steady state, a restart
// and memory.
func runController(ctx context.Context, e *env, o *options) (*ctrlResult, error) {
	m, err := startManager(ctx, e, o)
	if err != nil {
		return nil, err
	}
	defer stopManager(m)
	res := &ctrlResult{}
	warmUpWrites, err := warmManager(ctx, e, o, m)
	if err != nil {
		return nil, err
	}
	// Writes the manager counted after its warm-up.
	counted := func(s *scrape) float64 { return s.writes() - warmUpWrites }
	if res.before, err = sampleMemory(ctx, m); err != nil {
		return nil, err
	}
	rec, err := framework.StartRecorder(ctx, framework.VirtualWorkspaceConfig(e.base, e.ctrl.url))
	if err != nil {
		return nil, err
	}
	pids := map[string]int{"kcp": e.kcp.PID(), "manager": m.PID(), "bench": os.Getpid()}
	cpu := sampleCPU(pids)
	start := time.Now()
	retries, err := o.load(e.ctrl.workspaces, "ctrl").Create(ctx, creator(e))
	if err != nil {
		return nil, err
	}
	res.created = creation{time.Since(start), retries}
	res.watched, err = rec.WaitFor(ctx, o.phaseTimeout(), func(t framework.Totals) bool { return t.Ready == o.n })
	if err != nil {
		return nil, fmt.Errorf("waiting for the controller to make every SyncTarget Ready: %w", err)
	}
	res.duration = res.watched.LastReady.Sub(start)
	res.cpu = cpu.until(sampleCPU(pids))
	logf("controller: %d Ready in %s", o.n, res.duration.Round(time.Millisecond))

	// The watch and the manager's counter should agree; give the slower one a moment.
	_ = pollMetrics(ctx, m, 10*time.Second, func(ms *scrape) bool {
		res.watched = rec.Totals()
		res.metricWrites = counted(ms)
		return int(res.metricWrites) == res.watched.Writes
	})
	ms, err := scrapeOnce(ctx, m)
	if err != nil {
		return nil, err
	}
	if res.conflicts = ms.sum("kcp_synctarget_status_conflicts_total", nil); ms.err != nil {
		return nil, ms.err
	}

	logf("steady: watching for writes for %s", o.steady)
	w0, m0 := rec.Totals().Writes, res.metricWrites
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(o.steady):
	}
	if ms, err = scrapeOnce(ctx, m); err != nil {
		return nil, err
	}
	if res.steadyWatched, res.steadyMetric = rec.Totals().Writes-w0, counted(ms)-m0; ms.err != nil {
		return nil, ms.err
	}
	if res.after, err = sampleMemory(ctx, m); err != nil {
		return nil, err
	}
	return res, restart(ctx, e, o, m, rec, res)
}
