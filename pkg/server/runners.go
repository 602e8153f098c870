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
	"math"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/klog/v2"
)

// defaultRunnerBackoff paces the retries of an endpoint whose virtual
// workspace does not serve yet: right after kcp lists a URL it may answer 404.
var defaultRunnerBackoff = wait.Backoff{Duration: 200 * time.Millisecond, Factor: 1.5, Jitter: 0.1, Steps: math.MaxInt32, Cap: 5 * time.Second}

// runnerSet keeps exactly one runner per endpoint URL of the
// APIExportEndpointSlice. Runners start and stop independently, so one stuck
// shard never stalls the others.
type runnerSet struct {
	serve   func(ctx context.Context, r *runner) error
	backoff wait.Backoff

	mu       sync.Mutex
	running  map[string]*runner
	stopping map[*runner]struct{}
	retired  counters // of runners that stopped: counters never go down
	started  int64
	closed   bool
	wg       sync.WaitGroup
}

func newRunnerSet(serve func(ctx context.Context, r *runner) error) *runnerSet {
	return &runnerSet{
		serve:    serve,
		backoff:  defaultRunnerBackoff,
		running:  map[string]*runner{},
		stopping: map[*runner]struct{}{},
	}
}

// update starts a runner for every URL in urls without one and stops the
// runners whose URL is gone; it does not wait for them to stop. The order of
// the URLs does not matter. After stopAll it does nothing.
func (rs *runnerSet) update(ctx context.Context, urls sets.Set[string]) {
	logger := klog.FromContext(ctx)
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.closed || ctx.Err() != nil {
		return
	}
	for url, r := range rs.running {
		if !urls.Has(url) {
			logger.Info("endpoint left the APIExportEndpointSlice, stopping its runner", "endpoint", url)
			rs.stopLocked(r)
		}
	}
	for _, url := range sets.List(urls) {
		if _, ok := rs.running[url]; ok {
			continue
		}
		logger.Info("new endpoint in the APIExportEndpointSlice, starting its runner", "endpoint", url)
		runCtx, cancel := context.WithCancel(klog.NewContext(ctx, logger.WithValues("endpoint", url)))
		r := &runner{url: url, cancel: cancel, done: make(chan struct{})}
		rs.running[url] = r
		rs.started++
		rs.wg.Go(func() { rs.run(runCtx, r) })
	}
}

// stopLocked cancels r and retires it once it has stopped. rs.mu is held.
func (rs *runnerSet) stopLocked(r *runner) {
	delete(rs.running, r.url)
	rs.stopping[r] = struct{}{}
	r.cancel()
	rs.wg.Go(func() {
		<-r.done
		rs.mu.Lock()
		defer rs.mu.Unlock()
		delete(rs.stopping, r)
		rs.retired.add(r.syncTargetStats())
	})
}

// stopAll stops every runner and waits until all have stopped.
func (rs *runnerSet) stopAll() {
	rs.mu.Lock()
	rs.closed = true
	for _, r := range rs.running {
		rs.stopLocked(r)
	}
	rs.mu.Unlock()
	rs.wg.Wait()
}

// run serves r's endpoint until ctx ends, retrying failures with backoff.
func (rs *runnerSet) run(ctx context.Context, r *runner) {
	defer close(r.done)
	logger := klog.FromContext(ctx)
	backoff := rs.backoff
	for {
		err := rs.serve(ctx, r)
		if ctx.Err() != nil {
			return
		}
		delay := backoff.Step().Round(time.Millisecond)
		if apierrors.IsNotFound(err) { // Expected for a moment after kcp lists a new endpoint.
			logger.Info("the endpoint does not serve yet, retrying", "err", err, "retryIn", delay)
		} else {
			logger.Error(err, "serving the endpoint failed, retrying", "retryIn", delay)
		}
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
	}
}

// synced reports whether every current runner has synced its caches.
func (rs *runnerSet) synced() bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	for _, r := range rs.running {
		if !r.synced.Load() {
			return false
		}
	}
	return true
}
