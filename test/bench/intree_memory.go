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

// Command bench measures the synctarget controller manager against the
// physical floor on a real single-shard kcp and checks the performance goals
// of issue 7. See README.md beside it; run it with `make bench`.
package main

import (
	"context"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// memSamples is how many memory samples each kcp gets, spread over
// -mem-window after the restart window; each forces a garbage collection.
const memSamples = 7

// sampleWatchedMemoryAt is sampleMemoryAt with one client watching every
// SyncTarget of s meanwhile. kcp decodes a resource's objects into its
// watch cache once someone lists them: the controller's informer does so on
// the gate-on kcp, nobody on a gate-off kcp just started, which would then
// hold none of them. With one watcher on each, both hold their watch cache
// and the difference is the controller's.
func sampleWatchedMemoryAt(ctx context.Context, s *kcpSlot, ages []time.Duration) ([]memSample, error) {
	rec, err := framework.StartRecorder(ctx, framework.VirtualWorkspaceConfig(s.base, s.url))
	if err != nil {
		return nil, err
	}
	defer rec.Stop() // Before kcp stops: kcp waits for watches to end.
	return sampleMemoryAt(ctx, s, ages)
}

// sampleMemoryAt samples the running kcp's memory when it is each of ages
// old (since it answered /readyz), each time right after a full garbage
// collection: the heap then holds what is live, not what the last GC cycle
// happened to leave, and RSS no longer carries that cycle's garbage.
func sampleMemoryAt(ctx context.Context, s *kcpSlot, ages []time.Duration) ([]memSample, error) {
	out := make([]memSample, 0, len(ages))
	for _, age := range ages {
		if err := window(ctx, time.Until(s.readyAt.Add(age))); err != nil {
			return nil, err
		}
		if _, err := s.k.CollectGarbage(ctx); err != nil {
			return nil, err
		}
		rss, err := s.k.RSSBytes()
		if err != nil {
			return nil, err
		}
		ms, err := s.k.ScrapeMetrics(ctx)
		if err != nil {
			return nil, err
		}
		sc := &scrape{ms: ms}
		m := memSample{rss: float64(rss), heapLive: sc.sum("go_memstats_heap_alloc_bytes", nil)}
		if sc.err != nil {
			return nil, sc.err
		}
		out = append(out, m)
	}
	return out, nil
}
