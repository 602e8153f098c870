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
	"slices"
	"time"
)

// phases runs the two halves of a pair, each on workspaces that no earlier
// phase used, and measures from the first create until the N objects are
// Ready. The out-of-tree bench (outOfTree) runs a bare client in a floor
// phase and the manager beside kcp in a controller phase. An in-tree bench
// needs only another implementation: a controller phase on kcp started with
// its feature gate on, a floor phase on the same kcp with it off.
type phases interface {
	floor(ctx context.Context, pair int) (*floorResult, error)
	controller(ctx context.Context, pair int) (*ctrlResult, error)
}

// pairResult is a floor phase and the controller phase right after it.
type pairResult struct {
	floor *floorResult
	ctrl  *ctrlResult
}

func (p pairResult) ratio() float64 { return p.ctrl.duration.Seconds() / p.floor.duration.Seconds() }

// runPairs runs n pairs alternating floor, controller, floor, controller, …
// A neighbour's burst of CPU then slows one phase, so it moves one pair's
// ratio, which the median of the pairs' ratios discards.
func runPairs(ctx context.Context, ph phases, n int) ([]pairResult, error) {
	pairs := make([]pairResult, 0, n)
	for i := range n {
		f, err := ph.floor(ctx, i)
		if err != nil {
			return nil, fmt.Errorf("pair %d, floor phase: %w", i+1, err)
		}
		c, err := ph.controller(ctx, i)
		if err != nil {
			return nil, fmt.Errorf("pair %d, controller phase: %w", i+1, err)
		}
		p := pairResult{floor: f, ctrl: c}
		logf("pair %d of %d: floor %s, controller %s, ratio %.2f", i+1, n,
			f.duration.Round(time.Millisecond), c.duration.Round(time.Millisecond), p.ratio())
		pairs = append(pairs, p)
	}
	return pairs, nil
}

// ratios returns the pairs' ratios, their median and their spread (max - min).
func ratios(pairs []pairResult) (each []float64, median, spread float64) {
	for _, p := range pairs {
		each = append(each, p.ratio())
	}
	if len(each) == 0 {
		return nil, 0, 0
	}
	sorted := slices.Sorted(slices.Values(each))
	mid := len(sorted) / 2
	median = sorted[mid]
	if len(sorted)%2 == 0 {
		median = (sorted[mid-1] + sorted[mid]) / 2
	}
	return each, median, sorted[len(sorted)-1] - sorted[0]
}
