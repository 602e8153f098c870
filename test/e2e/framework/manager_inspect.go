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
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// RSSBytes returns the resident set size of the process (VmRSS in
// /proc/PID/status; Linux only).
func (m *Manager) RSSBytes() (int64, error) { return rssBytes(m.PID()) }

// RSSBytes returns the resident set size of kcp's process (VmRSS in
// /proc/PID/status; Linux only).
func (k *KCP) RSSBytes() (int64, error) { return rssBytes(k.PID()) }

func rssBytes(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
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
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status: %w", pid, scanner.Err())
}

// LogTail returns the last n lines of the manager's output.
func (m *Manager) LogTail(n int) string { return tailFile(m.logPath, n) }

// crashLine matches the reports of the race detector and the Go runtime:
// only the process itself writes them, and each is a failure of it. klog
// lines above info are not matched: client-go writes those too, for a watch
// that hiccups, say, so they say nothing of the code under test.
var crashLine = regexp.MustCompile(`WARNING: DATA RACE|^panic: |^fatal error: `)

// CrashReports returns the lines of the manager's output that report a data
// race, a panic or a fatal runtime error.
func (m *Manager) CrashReports() ([]string, error) {
	data, err := os.ReadFile(m.logPath)
	if err != nil {
		return nil, err
	}
	var reports []string
	for line := range strings.Lines(string(data)) {
		if crashLine.MatchString(line) {
			reports = append(reports, strings.TrimRight(line, "\n"))
		}
	}
	return reports, nil
}
