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

// outOfTree runs the phases on one kcp: a floor phase patches through a bare
// client, a controller phase starts a manager beside kcp. The last
// controller phase's manager is kept for the steady-state, restart and
// memory checks (last); the others are stopped with their phase.
type outOfTree struct {
	e       *env
	o       *options
	watches float64 // SyncTarget watches kcp serves with no phase running
	last    *ctrlRun
}

func (p *outOfTree) floor(ctx context.Context, pair int) (*floorResult, error) {
	if err := p.idle(ctx); err != nil {
		return nil, err
	}
	return runFloor(ctx, p.e, p.e.floors[pair], p.o)
}

func (p *outOfTree) controller(ctx context.Context, pair int) (*ctrlResult, error) {
	if err := p.idle(ctx); err != nil {
		return nil, err
	}
	res, run, err := runController(ctx, p.e, p.e.ctrls[pair], p.o)
	if err != nil {
		return nil, err
	}
	if pair == len(p.e.ctrls)-1 {
		p.last = run
	} else {
		run.stop()
	}
	return res, nil
}

// idle waits until kcp serves no more SyncTarget watches than it did before
// the first phase: an earlier phase's recorder or manager left running
// would slow this phase down.
func (p *outOfTree) idle(ctx context.Context) error {
	var now float64
	err := poll(ctx, 30*time.Second, func() (bool, error) {
		var err error
		now, err = kcpWatches(ctx, p.e.kcp)
		return err == nil && now <= p.watches, err
	})
	if err != nil {
		return fmt.Errorf("kcp still serves %v SyncTarget watches, %v before the first phase: %w", now, p.watches, err)
	}
	return nil
}

// kcpWatches is the number of SyncTarget watches kcp serves now, through
// workspaces and virtual workspaces alike.
func kcpWatches(ctx context.Context, k *framework.KCP) (float64, error) {
	ms, err := k.ScrapeMetrics(ctx)
	if err != nil {
		return 0, err
	}
	return ms.Sum("apiserver_longrunning_requests", map[string]string{"resource": "synctargets", "verb": "WATCH"})
}

// poll calls cond every 100 ms until it holds or timeout passes; it returns
// cond's last error with the timeout.
func poll(ctx context.Context, timeout time.Duration, cond func() (bool, error)) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		ok, err := cond()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not within %s (last error: %v)", timeout, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}
