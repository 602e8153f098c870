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

package framework_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

func TestStartKCPWithOptionsRunsTheBinaryWithTheFlags(t *testing.T) {
	t.Parallel()

	dir := t.TempDir()
	bin := filepath.Join(dir, "other-kcp")
	require.NoError(t, os.WriteFile(bin, []byte("#!/bin/sh\necho \"other kcp: $*\"\nexit 3\n"), 0o700))

	_, err := framework.StartKCPWithOptions(t.Context(), filepath.Join(dir, "root"), framework.Options{
		Binary: bin,
		Args:   []string{"--feature-gates=SyncTargetController=true"},
	})
	require.ErrorContains(t, err, "kcp exited before it was ready (exit status 3)")
	require.ErrorContains(t, err, "other kcp: start --root-directory="+filepath.Join(dir, "root"))
	require.ErrorContains(t, err, " --feature-gates=SyncTargetController=true")
}

func TestStartKCPWithOptionsMissingBinary(t *testing.T) {
	t.Parallel()

	missing := filepath.Join(t.TempDir(), "no-kcp")
	_, err := framework.StartKCPWithOptions(t.Context(), t.TempDir(), framework.Options{Binary: missing})
	require.ErrorContains(t, err, "kcp binary not found at "+missing)
}

func TestStartKCPWithOptionsRetriesTakenPortsOnAFreshDirectory(t *testing.T) {
	t.Parallel()

	dir := t.TempDir()
	calls := filepath.Join(dir, "calls")
	bin := filepath.Join(dir, "busy-kcp")
	script := "#!/bin/sh\necho \"$*\" >> " + calls + "\necho 'Error: listen tcp 127.0.0.1:1: bind: address already in use'\nexit 1\n"
	require.NoError(t, os.WriteFile(bin, []byte(script), 0o700))

	_, err := framework.StartKCPWithOptions(t.Context(), filepath.Join(dir, "fresh"), framework.Options{Binary: bin})
	require.ErrorContains(t, err, "bind: address already in use")
	data, err := os.ReadFile(calls)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.Len(t, lines, 3, "a fresh directory: three attempts")
	require.NotEqual(t, lines[0], lines[1], "each on other ports")

	existing := filepath.Join(dir, "existing")
	require.NoError(t, os.MkdirAll(existing, 0o750))
	require.NoError(t, os.Remove(calls))
	_, err = framework.StartKCPWithOptions(t.Context(), existing, framework.Options{Binary: bin})
	require.Error(t, err)
	data, err = os.ReadFile(calls)
	require.NoError(t, err)
	require.Len(t, strings.Split(strings.TrimSpace(string(data)), "\n"), 1, "an existing directory keeps its state: one attempt")
}

func TestWorkqueueMetric(t *testing.T) {
	t.Parallel()

	const metrics = `# HELP workqueue_adds_total [ALPHA] Total number of adds handled by workqueue
# TYPE workqueue_adds_total counter
workqueue_adds_total{name="kcp-apibinding"} 102
workqueue_adds_total{name="kcp-synctarget"} 4
workqueue_depth{name="kcp-synctarget"} 0
workqueue_unfinished_work_seconds{name="kcp-synctarget"} 1.5e-05
`
	for name, tc := range map[string]struct {
		metric, queue string
		want          float64
		wantFound     bool
	}{
		"counter":                {metric: "workqueue_adds_total", queue: "kcp-synctarget", want: 4, wantFound: true},
		"zero gauge":             {metric: "workqueue_depth", queue: "kcp-synctarget", want: 0, wantFound: true},
		"exponent notation":      {metric: "workqueue_unfinished_work_seconds", queue: "kcp-synctarget", want: 1.5e-05, wantFound: true},
		"other queue":            {metric: "workqueue_adds_total", queue: "kcp-apibinding", want: 102, wantFound: true},
		"missing queue":          {metric: "workqueue_adds_total", queue: "kcp-nothing"},
		"missing metric":         {metric: "workqueue_retries_total", queue: "kcp-synctarget"},
		"queue name prefix only": {metric: "workqueue_adds_total", queue: "kcp-sync"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, found := framework.WorkqueueMetric(metrics, tc.metric, tc.queue)
			require.Equal(t, tc.wantFound, found)
			require.InDelta(t, tc.want, got, 1e-12)
		})
	}
}
