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

package server

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
)

const (
	urlA = "https://127.0.0.1:6444/services/apiexport/root/workload.kcp.io"
	urlB = "https://127.0.0.1:6445/services/apiexport/root/workload.kcp.io"
)

// fakeServe stands in for serveEndpoint: an endpoint fails while its gate is
// open (not yet closed), then it syncs at once and serves until its context
// ends. It counts calls and the runners serving now, by URL.
type fakeServe struct {
	mu     sync.Mutex
	gates  map[string]chan struct{}
	stats  map[string]syncTargetStats
	calls  map[string]int
	active map[string]int
}

func newFakeServe() *fakeServe {
	return &fakeServe{gates: map[string]chan struct{}{}, stats: map[string]syncTargetStats{}, calls: map[string]int{}, active: map[string]int{}}
}

func (f *fakeServe) serve(ctx context.Context, r *runner) error {
	f.mu.Lock()
	f.calls[r.url]++
	gate, stats := f.gates[r.url], f.stats[r.url]
	f.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		default:
			return errors.New("the server could not find the requested resource")
		}
	}
	if stats != nil {
		r.stats.Store(&statsBox{stats})
	}
	r.synced.Store(true)
	f.add(r.url, 1)
	defer f.add(r.url, -1)
	<-ctx.Done()
	return nil
}

func (f *fakeServe) add(url string, n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.active[url] += n
}

// serving returns the URLs with a runner serving now, sorted.
func (f *fakeServe) serving() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var urls []string
	for url, n := range f.active {
		if n > 0 {
			urls = append(urls, url)
		}
	}
	slices.Sort(urls)
	return urls
}

func (f *fakeServe) callsOf(url string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[url]
}

// newTestRunnerSet returns a runner set on f that the test stops at its end.
func newTestRunnerSet(t *testing.T, f *fakeServe) *runnerSet {
	t.Helper()
	rs := newRunnerSet(f.serve)
	rs.backoff = fastBackoff
	t.Cleanup(rs.stopAll)
	return rs
}

// runningURLs returns the URLs of the set's running runners, sorted.
func runningURLs(rs *runnerSet) []string {
	endpoints, _, _ := rs.snapshot()
	urls := make([]string, 0, len(endpoints))
	for _, e := range endpoints {
		urls = append(urls, e.url)
	}
	return urls
}
