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
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
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
	var last Metrics
	err := wait.PollUntilContextTimeout(ctx, pollInterval, timeout, true, func(ctx context.Context) (bool, error) {
		// A failed scrape counts as "not yet"; the timeout reports it.
		if ms, err := m.Metrics(ctx); err == nil {
			last = ms
		}
		runners := last.Sum("kcp_synctarget_endpoint_runners", nil)
		return last.Sum("kcp_synctarget_leader", nil) == 1 && runners >= 1 &&
			last.Sum("kcp_synctarget_endpoint_synced", nil) == runners, nil
	})
	if err != nil {
		return fmt.Errorf("the manager is not serving (leader %v, runners %v, synced %v): %w",
			last.Sum("kcp_synctarget_leader", nil), last.Sum("kcp_synctarget_endpoint_runners", nil),
			last.Sum("kcp_synctarget_endpoint_synced", nil), err)
	}
	return nil
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

// RSSBytes returns the resident set size of the process (VmRSS in
// /proc/PID/status; Linux only).
func (m *Manager) RSSBytes() (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", m.PID()))
	if err != nil {
		return 0, err
	}
	defer func() { _ = f.Close() }()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "VmRSS:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kib << 10, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status: %w", m.PID(), scanner.Err())
}

// LogTail returns the last n lines of the manager's output.
func (m *Manager) LogTail(n int) string { return tailFile(m.logPath, n) }

// problemLine matches klog lines above info (warning, error, fatal) and the
// reports of the race detector and the Go runtime.
var problemLine = regexp.MustCompile(`^[WEF]\d{4} \d\d:\d\d:\d\d|WARNING: DATA RACE|^panic: |^fatal error: `)

// LogProblems returns the lines of the manager's output logged above info,
// and any data race or panic report.
func (m *Manager) LogProblems() ([]string, error) {
	data, err := os.ReadFile(m.logPath)
	if err != nil {
		return nil, err
	}
	var problems []string
	for line := range strings.Lines(string(data)) {
		if problemLine.MatchString(line) {
			problems = append(problems, strings.TrimRight(line, "\n"))
		}
	}
	return problems, nil
}
