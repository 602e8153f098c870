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
	"maps"
	"time"

	"k8s.io/client-go/rest"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// gateOn is the flag that turns kcp's in-tree SyncTarget controller on.
const gateOn = "--feature-gates=SyncTargetController=true"

// statusPatches selects kcp's count of SyncTarget status PATCHes, every code.
var statusPatches = map[string]string{"resource": "synctargets", "subresource": "status", "verb": "PATCH"}

// kcpSlot is one of the in-tree bench's two kcps: the same binary on the
// same data directory each time it runs, the gate on or off. At most one
// slot runs at a time.
type kcpSlot struct {
	name    string
	gate    bool
	k       *framework.KCP // the process running, or the last one
	running bool
	readyAt time.Time // when the running process answered /readyz
	base    *rest.Config
	sides   []*side // sides[i] for pair i, bound to root's export
	url     string  // root's workload.kcp.io virtual workspace
	stored  int     // SyncTargets the phases left in it
}

// client is a SyncTarget client of the running kcp, straight to the workspaces.
func (s *kcpSlot) client(qps float32, burst int, agent string) (workloadclientset.ClusterInterface, error) {
	cfg := rest.CopyConfig(s.base)
	cfg.QPS, cfg.Burst = qps, burst
	rest.AddUserAgent(cfg, agent)
	return workloadclientset.NewForConfig(cfg)
}

func (s *kcpSlot) stop() error {
	s.running = false
	if err := s.k.Stop(); err != nil {
		return fmt.Errorf("stopping the %s kcp: %w", s.name, err)
	}
	return nil
}

// start starts the slot's kcp again on its directory; with the gate on it
// waits until the controller went through every stored object.
func (s *kcpSlot) start(ctx context.Context, o *options) error {
	started := time.Now()
	k, err := s.k.StartAgain(ctx)
	if err != nil {
		return fmt.Errorf("starting the %s kcp: %w", s.name, err)
	}
	s.k, s.running, s.readyAt = k, true, time.Now()
	if s.base, err = k.BaseConfig(); err != nil {
		return err
	}
	logf("%s kcp ready in %s", s.name, since(started))
	if s.gate {
		return s.drained(ctx, o)
	}
	return nil
}

// drained waits until the controller's queue took every stored object
// (its informer synced) and holds nothing, queued or in progress.
func (s *kcpSlot) drained(ctx context.Context, o *options) error {
	err := pollKCP(ctx, s.k, o.phaseTimeout(), func(ms *scrape) bool {
		return ms.sum("workqueue_adds_total", queue) >= float64(s.stored) &&
			ms.sum("workqueue_depth", queue) == 0 &&
			ms.sum("workqueue_unfinished_work_seconds", queue) == 0
	})
	if err != nil {
		return fmt.Errorf("waiting for kcp's %s queue to drain with %d objects: %w", queue["name"], s.stored, err)
	}
	return nil
}

// conflict narrows statusPatches to those kcp refused with 409 Conflict.
var conflict = map[string]string{"code": "409"}

// scrapeKCP scrapes the running kcp's metrics, which must count requests.
func (s *kcpSlot) scrapeKCP(ctx context.Context) (framework.Metrics, error) {
	ms, err := s.k.ScrapeMetrics(ctx)
	if err == nil && !ms.Has("apiserver_request_total") {
		err = fmt.Errorf("the %s kcp exports no apiserver_request_total", s.name)
	}
	return ms, err
}

// patches is the running kcp's count of SyncTarget status PATCHes since it started.
func (s *kcpSlot) patches(ctx context.Context) (float64, error) {
	ms, err := s.scrapeKCP(ctx)
	return countPatches(ms, nil), err
}

// countPatches counts the SyncTarget status PATCHes (narrowed by extra
// labels) in a scrape of kcp: 0 before the first, for which kcp exports no
// series.
func countPatches(ms framework.Metrics, extra map[string]string) float64 {
	match := maps.Clone(statusPatches)
	maps.Copy(match, extra)
	v, _ := ms.Sum("apiserver_request_total", match) // An error is no such series: 0.
	return v
}

// pollKCP scrapes k's metrics every 100 ms until done holds on a scrape
// whose every metric was there, or timeout passes.
func pollKCP(ctx context.Context, k *framework.KCP, timeout time.Duration, done func(*scrape) bool) error {
	return poll(ctx, timeout, func() (bool, error) {
		ms, err := k.ScrapeMetrics(ctx)
		if err != nil {
			return false, err
		}
		s := &scrape{ms: ms}
		ok := done(s)
		return ok && s.err == nil, s.err
	})
}
