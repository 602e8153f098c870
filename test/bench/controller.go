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

// ctrlResult is what the real manager achieved in one controller phase.
type ctrlResult struct {
	duration     time.Duration // first create to all N seen Ready=True
	created      creation
	cpu          cpuUse
	watched      framework.Totals
	metricWrites float64 // counted by the manager after its warm-up
	conflicts    float64
	before       memSample // after the warm-up: empty caches
}

// ctrlRun is the manager of a controller phase and the recorder watching
// its side, kept running after the phase for the checks that follow it.
type ctrlRun struct {
	side         *side
	m            *framework.Manager
	rec          *framework.Recorder
	warmUpWrites float64
}

// counted is the writes the manager counted after its warm-up.
func (r *ctrlRun) counted(s *scrape) float64 { return s.writes() - r.warmUpWrites }

func (r *ctrlRun) stop() {
	r.rec.Stop()
	stopManager(r.m)
}

// runController starts a manager for side s with its default flags (plus
// what the user set), warms it up and measures creation to Ready and the
// writes. The caller stops what it returns.
func runController(ctx context.Context, e *env, s *side, o *options) (*ctrlResult, *ctrlRun, error) {
	m, err := startManager(ctx, e, s, o, s.name)
	if err != nil {
		return nil, nil, err
	}
	run := &ctrlRun{side: s, m: m}
	if run.warmUpWrites, err = warmManager(ctx, e, s, o, m); err != nil {
		stopManager(m)
		return nil, nil, err
	}
	res := &ctrlResult{}
	if res.before, err = sampleMemory(ctx, m); err == nil {
		run.rec, err = framework.StartRecorder(ctx, framework.VirtualWorkspaceConfig(e.base, s.url))
	}
	if err != nil {
		stopManager(m)
		return nil, nil, err
	}
	if err := measureController(ctx, e, o, run, res); err != nil {
		run.stop()
		return nil, nil, err
	}
	return res, run, nil
}

func measureController(ctx context.Context, e *env, o *options, run *ctrlRun, res *ctrlResult) error {
	pids := map[string]int{"kcp": e.kcp.PID(), "manager": run.m.PID(), "bench": os.Getpid()}
	cpu := sampleCPU(pids)
	start := time.Now()
	retries, err := o.load(run.side.workspaces, run.side.name).Create(ctx, creator(e))
	if err != nil {
		return err
	}
	res.created = creation{time.Since(start), retries}
	res.watched, err = run.rec.WaitFor(ctx, o.phaseTimeout(), func(t framework.Totals) bool { return t.Ready == o.n })
	if err != nil {
		return fmt.Errorf("waiting for the controller to make every SyncTarget Ready: %w", err)
	}
	res.duration = res.watched.LastReady.Sub(start)
	res.cpu = cpu.until(sampleCPU(pids))

	// The watch and the manager's counter should agree; give the slower one a moment.
	_ = pollMetrics(ctx, run.m, 10*time.Second, func(ms *scrape) bool {
		res.watched = run.rec.Totals()
		res.metricWrites = run.counted(ms)
		return int(res.metricWrites) == res.watched.Writes
	})
	ms, err := scrapeOnce(ctx, run.m)
	if err != nil {
		return err
	}
	res.conflicts = ms.sum("kcp_synctarget_status_conflicts_total", nil)
	return ms.err
}
