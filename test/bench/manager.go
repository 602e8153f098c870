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
	"path/filepath"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// startManager starts the manager for side s, logging to manager-<name>.log
// in kcp's directory, and waits until it serves.
func startManager(ctx context.Context, e *env, s *side, o *options, name string) (*framework.Manager, error) {
	args := append([]string{
		"--kubeconfig=" + e.kcp.AdminKubeconfig(), "--context=root",
		"--provider-workspace=" + s.provider.String(),
	}, o.managerArgs...)
	m, err := framework.StartManager(ctx, o.manager, filepath.Join(e.kcp.RootDir(), "manager-"+name+".log"), args...)
	if err != nil {
		return nil, err
	}
	if err := m.WaitServing(ctx, 2*time.Minute); err != nil {
		stopManager(m)
		return nil, err
	}
	return m, nil
}

func stopManager(m *framework.Manager) {
	if err := m.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping the manager:", err)
	}
}

// scrape is one scrape of the manager's metrics; it keeps the first metric
// it could not read, so that a renamed metric fails the run instead of
// reading as 0.
type scrape struct {
	ms  framework.Metrics
	err error
}

func (s *scrape) sum(name string, match map[string]string) float64 {
	v, err := s.ms.Sum(name, match)
	if s.err == nil {
		s.err = err
	}
	return v
}

// writes is the manager's count of accepted status patches.
func (s *scrape) writes() float64 { return s.sum("kcp_synctarget_status_writes_total", nil) }

// scrapeOnce scrapes m's metrics; read them, then check err.
func scrapeOnce(ctx context.Context, m *framework.Manager) (*scrape, error) {
	ms, err := m.Metrics(ctx)
	return &scrape{ms: ms}, err
}

// pollMetrics scrapes m every 100 ms until done holds on a scrape whose
// every metric was there, or timeout passes.
func pollMetrics(ctx context.Context, m *framework.Manager, timeout time.Duration, done func(*scrape) bool) error {
	err := poll(ctx, timeout, func() (bool, error) {
		s, err := scrapeOnce(ctx, m)
		if err != nil {
			return false, err
		}
		ok := done(s)
		return ok && s.err == nil, s.err
	})
	if err != nil {
		return fmt.Errorf("metrics condition: %w", err)
	}
	return nil
}
