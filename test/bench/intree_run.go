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
	"errors"
	"fmt"
	"time"
)

// benchInTree sets the two in-tree kcps up, runs the pairs on them and
// checks the gate-on kcp's state afterwards.
func benchInTree(ctx context.Context, o *options) (*inTreeResult, error) {
	if len(o.managerArgs) > 0 {
		return nil, errors.New("-workers, -qps and -burst are the manager's: kcp's controller runs 2 workers")
	}
	dir, err := o.rootDir()
	if err != nil {
		return nil, err
	}
	r := &inTreeResult{o: o, loadBefore: loadAvg()}
	start := time.Now()
	off, on, err := setUpInTree(ctx, dir, o)
	defer tearDownInTree(dir, o.keep, off, on)
	if err != nil {
		return nil, err
	}
	logf("two in-tree kcps (gate off, gate on) with %d workspaces each set up in %s; %d pairs of N=%d follow",
		o.pairs*o.workspaces, since(start), o.pairs, o.n)
	ph := &inTree{o: o, off: off, on: on}
	if r.pairs, err = runPairs(ctx, ph, o.pairs); err != nil {
		return nil, err
	}
	if err := ph.state(ctx, r); err != nil {
		return nil, fmt.Errorf("after the last pair: %w", err)
	}
	r.loadAfter = loadAvg()
	logf("done in %s", since(start))
	return r, nil
}
