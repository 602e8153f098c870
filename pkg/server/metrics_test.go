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
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/stretchr/testify/require"

	"k8s.io/component-base/metrics"
)

// registered returns a fresh registry holding collector. A collector can be
// registered once only.
func registered(t *testing.T, collector metrics.StableCollector) metrics.KubeRegistry {
	t.Helper()
	registry := metrics.NewKubeRegistry()
	require.NoError(t, registry.CustomRegister(collector))
	return registry
}

// exposition scrapes registry and returns the text exposition of the named
// metric families, sorted by name. It stands in for
// k8s.io/component-base/metrics/testutil.CustomCollectAndCompare, which needs
// github.com/kylelemons/godebug in go.mod.
func exposition(t *testing.T, registry metrics.KubeRegistry, names ...string) string {
	t.Helper()
	families, err := registry.Gather()
	require.NoError(t, err)
	var buf bytes.Buffer
	encoder := expfmt.NewEncoder(&buf, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, family := range families {
		if slices.Contains(names, family.GetName()) {
			require.NoError(t, encoder.Encode(family))
		}
	}
	return buf.String()
}

// fakeStats is a syncTargetStats with fixed answers.
type fakeStats struct {
	readyWrites, notReadyWrites int64
	conflicts                   int64
	ready, notReady             int
	readyErr                    error
}

func (f *fakeStats) StatusWritesByReady() (ready, notReady int64) {
	return f.readyWrites, f.notReadyWrites
}

func (f *fakeStats) Conflicts() int64 { return f.conflicts }

func (f *fakeStats) ReadyCounts() (ready, notReady int, err error) {
	return f.ready, f.notReady, f.readyErr
}

const (
	writesHeader = `# HELP kcp_synctarget_status_writes_total [ALPHA] Status patches the synctarget controller sent and kcp accepted, by the Ready status written.
# TYPE kcp_synctarget_status_writes_total counter
`
	conflictsHeader = `# HELP kcp_synctarget_status_conflicts_total [ALPHA] Status patches refused with 409 Conflict because the SyncTarget changed meanwhile; each is retried.
# TYPE kcp_synctarget_status_conflicts_total counter
`
	syncTargetsHeader = `# HELP kcp_synctarget_synctargets [ALPHA] SyncTargets in the controller's cache, by whether their Ready condition is True.
# TYPE kcp_synctarget_synctargets gauge
`
)

func TestSyncTargetCollector(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		stats *fakeStats
		want  string
	}{
		"all counters and the gauge": {
			stats: &fakeStats{readyWrites: 7, notReadyWrites: 3, conflicts: 2, ready: 5, notReady: 1},
			want: conflictsHeader + `kcp_synctarget_status_conflicts_total 2
` + writesHeader + `kcp_synctarget_status_writes_total{ready="false"} 3
kcp_synctarget_status_writes_total{ready="true"} 7
` + syncTargetsHeader + `kcp_synctarget_synctargets{ready="false"} 1
kcp_synctarget_synctargets{ready="true"} 5
`,
		},
		"a fresh controller reports zeros": {
			stats: &fakeStats{},
			want: conflictsHeader + `kcp_synctarget_status_conflicts_total 0
` + writesHeader + `kcp_synctarget_status_writes_total{ready="false"} 0
kcp_synctarget_status_writes_total{ready="true"} 0
` + syncTargetsHeader + `kcp_synctarget_synctargets{ready="false"} 0
kcp_synctarget_synctargets{ready="true"} 0
`,
		},
		"the gauge is omitted when the cache cannot be listed": {
			stats: &fakeStats{readyWrites: 1, notReadyWrites: 4, conflicts: 9, ready: 5, notReady: 1, readyErr: errors.New("cache not synced")},
			want: conflictsHeader + `kcp_synctarget_status_conflicts_total 9
` + writesHeader + `kcp_synctarget_status_writes_total{ready="false"} 4
kcp_synctarget_status_writes_total{ready="true"} 1
`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			require.Equal(t, tc.want, exposition(t, registered(t, newSyncTargetCollector(tc.stats)),
				"kcp_synctarget_status_writes_total", "kcp_synctarget_status_conflicts_total", "kcp_synctarget_synctargets"))
		})
	}
}

func TestSyncTargetCollectorReadsAtScrapeTime(t *testing.T) {
	t.Parallel()

	stats := &fakeStats{conflicts: 1}
	registry := registered(t, newSyncTargetCollector(stats))
	require.Equal(t, conflictsHeader+"kcp_synctarget_status_conflicts_total 1\n",
		exposition(t, registry, "kcp_synctarget_status_conflicts_total"))
	stats.conflicts = 4
	require.Equal(t, conflictsHeader+"kcp_synctarget_status_conflicts_total 4\n",
		exposition(t, registry, "kcp_synctarget_status_conflicts_total"))
}
