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

package framework

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// WaitReady polls /readyz until it answers 200 (caches synced, controllers
// running) or timeout passes. It fails early, with the log tail, if the
// process exits.
func (m *Manager) WaitReady(ctx context.Context, timeout time.Duration) error {
	var last error
	err := wait.PollUntilContextTimeout(ctx, pollInterval, timeout, true, func(ctx context.Context) (bool, error) {
		select {
		case <-m.exited:
			return false, fmt.Errorf("the manager exited (%v); last lines of %s:\n%s", m.waitErr, m.logPath, m.LogTail(30))
		default:
		}
		_, last = m.get(ctx, "/readyz")
		return last == nil, nil
	})
	if err != nil && last != nil {
		return fmt.Errorf("the manager is not ready: %w (last: %w)", err, last)
	}
	return err
}

// WaitServing waits until the manager leads (holds the Lease, or runs
// without leader election), runs a runner for at least one endpoint, and
// every runner's caches synced: from then on it reacts to every change.
// /readyz alone does not say so: a standby is ready too.
func (m *Manager) WaitServing(ctx context.Context, timeout time.Duration) error {
	if err := m.WaitReady(ctx, timeout); err != nil {
		return err
	}
	var leader, runners, synced float64
	var last error
	err := wait.PollUntilContextTimeout(ctx, pollInterval, timeout, true, func(ctx context.Context) (bool, error) {
		// A failed scrape, or a series not exported yet, counts as "not yet"; the timeout reports it.
		ms, err := m.Metrics(ctx)
		if err == nil {
			leader, runners, synced, err = servingState(ms)
		}
		last = err
		return err == nil && leader == 1 && runners >= 1 && synced == runners, nil
	})
	if err != nil {
		return fmt.Errorf("the manager is not serving (leader %v, runners %v, synced %v, last error: %v): %w",
			leader, runners, synced, last, err)
	}
	return nil
}

// servingState reads the leader gauge, the runner count and how many runners synced.
func servingState(ms Metrics) (leader, runners, synced float64, err error) {
	if leader, err = ms.Sum("kcp_synctarget_leader", nil); err != nil {
		return 0, 0, 0, err
	}
	if runners, err = ms.Sum("kcp_synctarget_endpoint_runners", nil); err != nil || runners == 0 {
		return leader, runners, 0, err // Without runners there is no endpoint_synced series.
	}
	synced, err = ms.Sum("kcp_synctarget_endpoint_synced", nil)
	return leader, runners, synced, err
}

// Metrics scrapes /metrics once.
func (m *Manager) Metrics(ctx context.Context) (Metrics, error) {
	body, err := m.get(ctx, "/metrics")
	if err != nil {
		return nil, err
	}
	return ParseMetrics(body)
}

func (m *Manager) get(ctx context.Context, path string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+m.addr+path, http.NoBody)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(body)))
	}
	return string(body), err
}
