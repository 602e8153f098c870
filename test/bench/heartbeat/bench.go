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

	"k8s.io/apimachinery/pkg/util/wait"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// bench runs the whole measurement.
func bench(ctx context.Context, o *options) (*result, error) {
	dir, err := os.MkdirTemp("", "bench-heartbeat-")
	if err != nil {
		return nil, err
	}
	e, err := setUp(ctx, dir, o)
	defer tearDown(e, dir, o.keep)
	if err != nil {
		return nil, fmt.Errorf("setting up (logs in %s): %w", dir, err)
	}
	fmt.Printf("kcp and %d bound workspaces ready\n", o.workspaces)
	r := &result{o: o}
	if o.inTree { // The gates' cost before any SyncTarget exists: their fixed part.
		if r.memEmpty, err = gatesMemory(ctx, e, nil, nil, false, true); err != nil {
			return nil, err
		}
	}
	client, err := workloadclientset.NewForConfig(e.base)
	if err != nil {
		return nil, err
	}
	w, err := startWatcher(ctx, client, e.wss)
	if err != nil {
		return nil, err
	}
	// Two batches, half the hosts each: memory is sampled with the first
	// batch beating and again with both, so the growth between is what the
	// second batch's SyncTargets cost, with the same churn in both samples.
	hosts := assignHosts(o, targets(e, o))
	defer stopHosts(hosts)
	batches := [][]*host{hosts[:len(hosts)/2], hosts[len(hosts)/2:]}
	for i, batch := range batches {
		if err := startBatch(ctx, dir, e, o, w, batch, r.firstBatch); err != nil {
			return nil, err
		}
		if i == 0 {
			r.firstBatch = len(targetsOf(batch))
			if r.memFirst, err = settleAndSample(ctx, e, o); err != nil {
				return nil, err
			}
		}
	}
	if err := r.steadyWindow(ctx, e, w); err != nil {
		return nil, err
	}
	if r.memAll, err = sampleMemory(ctx, e); err != nil {
		return nil, err
	}
	if err := r.detect(ctx, e, w, hosts[0]); err != nil {
		return r, err
	}
	if o.inTree { // The same with every SyncTarget and Lease stored, and more.
		if err := addExtras(ctx, e, o, w); err != nil {
			return r, err
		}
		start := func(hs []*host) error { return startHosts(ctx, dir, e, o, hs) }
		r.memFull, err = gatesMemory(ctx, e, hosts[1:], start, true, false) // hosts[0] stays stopped
	}
	return r, err
}

func waitReady(ctx context.Context, w *watcher, n int, timeout time.Duration) error {
	ready := 0
	err := wait.PollUntilContextTimeout(ctx, time.Second, timeout, true, func(context.Context) (bool, error) {
		ready = w.mark()
		return ready == n, nil
	})
	if err != nil {
		return fmt.Errorf("%d of %d Ready: %w", ready, n, err)
	}
	return nil
}

// steadyWindow counts, over o.steady with every syncer live, the SyncTarget
// writes (there must be none), the Lease writes kcp served, and the CPU
// the controller used.
func (r *result) steadyWindow(ctx context.Context, e *env, w *watcher) error {
	w.mark()
	leasesBefore, err := leasePuts(ctx, e)
	if err != nil {
		return err
	}
	cpuBefore, err := cpuSeconds(e)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := window(ctx, r.o.steady); err != nil { // only Leases may change in it
		return err
	}
	elapsed := time.Since(start)
	leasesAfter, err := leasePuts(ctx, e)
	if err != nil {
		return err
	}
	cpuAfter, err := cpuSeconds(e)
	if err != nil {
		return err
	}
	for _, s := range w.snapshot() {
		r.steadyWrites += s.writes
	}
	r.leaseWritesPerSecond = (leasesAfter - leasesBefore) / elapsed.Seconds()
	r.cpuCores = (cpuAfter - cpuBefore) / elapsed.Seconds()
	return nil
}
