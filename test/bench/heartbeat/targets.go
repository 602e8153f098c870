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
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// createSyncTargets creates a valid SyncTarget for each of ts.
func createSyncTargets(ctx context.Context, e *env, ts []target) error {
	client, err := workloadclientset.NewForConfig(e.base)
	if err != nil {
		return err
	}
	return forEach(ts, func(t target) error {
		_, err := client.Cluster(t.ws).WorkloadV1alpha1().SyncTargets().Create(ctx, t.syncTarget(), metav1.CreateOptions{})
		return err
	})
}

// syncTarget is t's SyncTarget, valid, before it is created.
func (t target) syncTarget() *workloadv1alpha1.SyncTarget {
	return &workloadv1alpha1.SyncTarget{ObjectMeta: metav1.ObjectMeta{Name: t.name},
		Spec: workloadv1alpha1.SyncTargetSpec{KCPCluster: t.ws.String()}}
}

// forEach calls f for each of ts, 20 at a time, and returns the first error.
func forEach(ts []target, f func(target) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		slots = make(chan struct{}, 20)
	)
	for _, t := range ts {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			err := f(t)
			mu.Lock()
			defer mu.Unlock()
			if first == nil {
				first = err
			}
		})
	}
	wg.Wait()
	return first
}

// startBatch creates the SyncTargets of hosts, starts the hosts, and waits
// until the watcher sees those and the before earlier ones Ready.
func startBatch(ctx context.Context, dir string, e *env, o *options, w *watcher, hosts []*host, before int) error {
	ts := targetsOf(hosts)
	if err := createSyncTargets(ctx, e, ts); err != nil {
		return err
	}
	if err := startHosts(ctx, dir, e, o, hosts); err != nil {
		return err
	}
	start, want := time.Now(), before+len(ts)
	if err := waitReady(ctx, w, want, 2*o.lease+2*time.Minute); err != nil {
		return fmt.Errorf("waiting for every SyncTarget to be Ready (logs in %s): %w", dir, err)
	}
	fmt.Printf("%d SyncTargets Ready %s after their syncers started\n", want, time.Since(start).Round(time.Second))
	return nil
}

// targets names the run's SyncTargets.
func targets(e *env, o *options) []target {
	out := make([]target, o.n)
	for i := range out {
		out[i] = target{ws: e.wss[i%len(e.wss)], name: fmt.Sprintf("st-%04d", i)}
	}
	return out
}

func tearDown(e *env, dir string, keep bool) {
	if e.manager != nil {
		_ = e.manager.Stop()
	}
	for _, k := range []*framework.KCP{e.kcp, e.physical} {
		if k != nil {
			_ = k.Stop()
		}
	}
	if !keep {
		_ = os.RemoveAll(dir)
	}
}
