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
	"math"
	"slices"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// memSamples is how many samples, a second apart, one memory figure is the median of.
const memSamples = 5

// memSample is the controller process's memory: its RSS and live heap, in
// bytes, and in tree kcp's heap profile at the last sample.
type memSample struct {
	rss, heap float64
	profile   []byte
	// In tree: the SyncTarget writes seen since kcp started, by the target's
	// kind (st- live, mem- extra) and Ready's reason now.
	written map[string]int
}

// settleAndSample lets a third of the steady window pass, then samples.
func settleAndSample(ctx context.Context, e *env, o *options) (memSample, error) {
	if err := window(ctx, o.steady/3); err != nil {
		return memSample{}, err
	}
	return sampleMemory(ctx, e)
}

// sampleMemory is the median of memSamples samples of the controller
// process. The live heap is what the runtime's last GC marked; kcp is made
// to collect garbage before each sample, so its live heap holds no garbage.
func sampleMemory(ctx context.Context, e *env) (memSample, error) {
	var rss, heap []float64
	var profile []byte
	for i := range memSamples {
		if i > 0 {
			if err := window(ctx, time.Second); err != nil {
				return memSample{}, err
			}
		}
		live, p, err := liveHeapAndProfile(ctx, e)
		if err != nil {
			return memSample{}, err
		}
		profile = p
		r, err := rssBytes(e)
		if err != nil {
			return memSample{}, err
		}
		rss, heap = append(rss, float64(r)), append(heap, live)
	}
	return memSample{rss: median(rss), heap: median(heap), profile: profile}, nil
}

func liveHeap(ctx context.Context, e *env) (float64, error) {
	live, _, err := liveHeapAndProfile(ctx, e)
	return live, err
}

// liveHeapAndProfile is what the controller process's last GC marked (in
// tree forced first, returning kcp's heap profile): not what was allocated
// since, as by the scrape.
func liveHeapAndProfile(ctx context.Context, e *env) (float64, []byte, error) {
	var ms framework.Metrics
	var profile []byte
	var err error
	if e.manager != nil {
		ms, err = e.manager.Metrics(ctx)
	} else if profile, err = e.kcp.CollectGarbage(ctx); err == nil {
		ms, err = e.kcp.ScrapeMetrics(ctx)
	}
	if err != nil {
		return 0, nil, err
	}
	live, err := ms.Sum("go_gc_heap_live_bytes", nil)
	return live, profile, err
}

func rssBytes(e *env) (int64, error) {
	if e.manager != nil {
		return e.manager.RSSBytes()
	}
	return e.kcp.RSSBytes()
}

func median(v []float64) float64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// window lets d pass unless ctx ends first: a span in which the system runs
// on and is watched, not a wait for something.
func window(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// leastLiveHeap is the least live heap of quietSamples, each after a forced
// GC, quietEvery apart.
func leastLiveHeap(ctx context.Context, e *env) (float64, error) {
	least := math.Inf(1)
	for i := range quietSamples {
		if i > 0 {
			if err := window(ctx, quietEvery); err != nil {
				return 0, err
			}
		}
		live, err := liveHeap(ctx, e)
		if err != nil {
			return 0, err
		}
		least = min(least, live)
	}
	return least, nil
}
