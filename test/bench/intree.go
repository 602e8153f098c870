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

// inTree runs the phases on the in-tree kcp: a floor phase on the kcp with
// the gate off, where a bare client patches, a controller phase on the kcp
// with the gate on, where the controller inside kcp writes. Each phase
// stops the other kcp and starts its own afresh on its directory, so the
// two never run at once and every phase starts on a kcp just started. The
// last controller phase's recorder is kept for the steady window (last).
type inTree struct {
	o       *options
	off, on *kcpSlot
	last    *framework.Recorder
}

// use stops the other kcp and starts s.
func (p *inTree) use(ctx context.Context, s *kcpSlot) error {
	for _, other := range []*kcpSlot{p.off, p.on} {
		if other != s && other.running {
			if err := other.stop(); err != nil {
				return err
			}
		}
	}
	if s.running {
		if err := s.stop(); err != nil {
			return err
		}
	}
	return s.start(ctx, p.o)
}

func (p *inTree) floor(ctx context.Context, pair int) (*floorResult, error) {
	if err := p.use(ctx, p.off); err != nil {
		return nil, err
	}
	s, k := p.off.sides[pair], p.off
	patches, err := k.client(p.o.qps, p.o.burst, "bench-floor")
	if err != nil {
		return nil, err
	}
	// Kept, as the controller phase's warm-up objects are: both kcps store the same.
	if err := warmSide(ctx, creatorFor(k.base), patches, s.workspaces, p.o, false); err != nil {
		return nil, fmt.Errorf("warming up: %w", err)
	}
	k.stored += len(s.workspaces)
	before, err := k.patches(ctx)
	if err != nil {
		return nil, err
	}
	res, err := floorOn(ctx, p.o, floorTarget{
		load: p.o.load(s.workspaces, s.name), creates: creatorFor(k.base), patches: patches,
		watch: framework.VirtualWorkspaceConfig(k.base, s.url), kcpPID: k.k.PID(),
	})
	if err != nil {
		return nil, err
	}
	k.stored += p.o.n
	after, err := k.patches(ctx)
	res.kcpPatches = after - before
	return res, err
}

func (p *inTree) controller(ctx context.Context, pair int) (*ctrlResult, error) {
	if err := p.use(ctx, p.on); err != nil {
		return nil, err
	}
	s, k := p.on.sides[pair], p.on
	if err := warmController(ctx, k, s, p.o); err != nil {
		return nil, fmt.Errorf("warming up: %w", err)
	}
	rec, err := framework.StartRecorder(ctx, framework.VirtualWorkspaceConfig(k.base, s.url))
	if err != nil {
		return nil, err
	}
	res, err := measureInTree(ctx, p.o, k, s, rec)
	if err != nil || pair < len(k.sides)-1 {
		rec.Stop()
	} else {
		p.last = rec
	}
	return res, err
}

// measureInTree creates the phase's N objects on the gate-on kcp and waits
// until the recorder saw them all Ready and kcp's controller drained its
// queue; writes are kcp's own count of status PATCHes meanwhile.
func measureInTree(ctx context.Context, o *options, k *kcpSlot, s *side, rec *framework.Recorder) (*ctrlResult, error) {
	already := rec.Totals()
	ms, err := k.scrapeKCP(ctx)
	if err != nil {
		return nil, err
	}
	p0, c0 := countPatches(ms, nil), countPatches(ms, conflict)
	pids := map[string]int{"kcp": k.k.PID(), "bench": os.Getpid()}
	cpu := sampleCPU(pids)
	start := time.Now()
	retries, err := o.load(s.workspaces, s.name).Create(ctx, creatorFor(k.base))
	if err != nil {
		return nil, err
	}
	k.stored += o.n
	res := &ctrlResult{created: creation{time.Since(start), retries}}
	watched, err := rec.WaitFor(ctx, o.phaseTimeout(), func(t framework.Totals) bool { return t.Ready-already.Ready == o.n })
	if err != nil {
		return nil, fmt.Errorf("waiting for kcp's controller to make every SyncTarget Ready: %w", err)
	}
	res.duration, res.cpu = watched.LastReady.Sub(start), cpu.until(sampleCPU(pids))
	// Drained: every write the controller will send was sent and counted.
	if err := k.drained(ctx, o); err != nil {
		return nil, err
	}
	if ms, err = k.scrapeKCP(ctx); err != nil {
		return nil, err
	}
	res.metricWrites, res.conflicts = countPatches(ms, nil)-p0, countPatches(ms, conflict)-c0
	res.watched = since0(rec.Totals(), already)
	return res, nil
}
