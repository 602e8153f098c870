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
	"io"
	"os"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// report is what a run prints and the goals it missed.
type report interface {
	print(out io.Writer)
	misses() []string
}

// bench runs the mode o asks for.
func bench(ctx context.Context, o *options) (report, error) {
	if o.n < 1 || o.workspaces < 1 || o.pairs < 1 || o.parallelism < 1 || o.workers < 1 {
		return nil, fmt.Errorf("-n, -w, -pairs, -p and -workers must be positive")
	}
	// A benchmark measures the binary as shipped: no coverage instrumentation.
	_ = os.Unsetenv(framework.CoverDirEnv)
	var r report
	var err error
	if o.inTree {
		r, err = benchInTree(ctx, o)
	} else {
		r, err = benchExternal(ctx, o)
	}
	if err != nil {
		return nil, err // Not r: a nil *result in a report is no nil report.
	}
	return r, nil
}

// benchExternal sets kcp up, runs the pairs and checks the last manager's state.
func benchExternal(ctx context.Context, o *options) (*result, error) {
	if o.manager == "" {
		tmp, err := os.MkdirTemp("", "bench-manager-")
		if err != nil {
			return nil, err
		}
		defer func() { _ = os.RemoveAll(tmp) }()
		if o.manager, err = framework.BuildManager(ctx, tmp, false); err != nil {
			return nil, err
		}
	}
	dir, err := o.rootDir()
	if err != nil {
		return nil, err
	}
	r := &result{o: o, loadBefore: loadAvg()}
	start := time.Now()
	e, err := setUp(ctx, dir, o.workspaces, o.pairs)
	defer e.tearDown(dir, o.keep)
	// Watches end before kcp stops: kcp waits for clients that reconnect.
	ctx, endWatches := context.WithCancel(ctx)
	defer endWatches()
	if err != nil {
		return nil, err
	}
	if err := warmUp(ctx, e, o); err != nil {
		return nil, fmt.Errorf("warming up: %w", err)
	}
	ph := &outOfTree{e: e, o: o}
	if ph.watches, err = kcpWatches(ctx, e.kcp); err != nil {
		return nil, fmt.Errorf("counting kcp's SyncTarget watches: %w", err)
	}
	logf("kcp and %d workspaces ready and warmed up in %s, serving %v SyncTarget watches; %d pairs of N=%d follow",
		2*o.pairs*o.workspaces, since(start), ph.watches, o.pairs, o.n)
	if r.pairs, err = runPairs(ctx, ph, o.pairs); err != nil {
		return nil, err
	}
	defer ph.last.stop()
	if r.state, err = checkState(ctx, e, o, ph.last, r.pairs[len(r.pairs)-1].ctrl.before); err != nil {
		return nil, err
	}
	r.loadAfter = loadAvg()
	logf("done in %s", since(start))
	return r, nil
}

// rootDir is -dir, or a new temporary directory.
func (o *options) rootDir() (string, error) {
	if o.dir != "" {
		return o.dir, nil
	}
	return os.MkdirTemp("", "kcp-bench-")
}
