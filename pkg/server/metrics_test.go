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
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/component-base/metrics"
)

// fakeStats is a syncTargetStats with fixed answers.
type fakeStats struct {
	readyWrites, notReadyWrites int64
	conflicts, deleted          int64
	ready, notReady             int
	readyErr                    error
}

func (f *fakeStats) Writes() counters {
	return counters{readyWrites: f.readyWrites, notReadyWrites: f.notReadyWrites, conflicts: f.conflicts, deleted: f.deleted}
}

func (f *fakeStats) ReadyCounts() (ready, notReady int, err error) {
	return f.ready, f.notReady, f.readyErr
}

// samples gathers s's registry as series (name{label="value",...}) to value.
func samples(t *testing.T, s *Server) map[string]float64 {
	t.Helper()
	families, err := s.metrics.Gather()
	require.NoError(t, err)
	out := map[string]float64{}
	for _, family := range families {
		for _, m := range family.GetMetric() {
			key := family.GetName()
			if len(m.GetLabel()) > 0 {
				labels := make([]string, 0, len(m.GetLabel()))
				for _, l := range m.GetLabel() {
					labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
				}
				key += "{" + strings.Join(labels, ",") + "}"
			}
			out[key] = m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	return out
}

func TestCollector(t *testing.T) {
	t.Parallel()

	ep := func(series, url string, labels ...string) string {
		return "kcp_synctarget_endpoint_" + series + `{endpoint="` + url + `"` + strings.Join(labels, "") + "}"
	}
	tests := map[string]struct {
		leading bool
		setup   func(s *Server)
		want    map[string]float64
	}{
		"a standby without runners reports zeros": {
			want: map[string]float64{
				`kcp_synctarget_status_writes_total{ready="false"}`: 0, `kcp_synctarget_status_writes_total{ready="true"}`: 0,
				"kcp_synctarget_status_conflicts_total": 0, "kcp_synctarget_status_deleted_total": 0,
				`kcp_synctarget_synctargets{ready="false"}`: 0, `kcp_synctarget_synctargets{ready="true"}`: 0,
				"kcp_synctarget_leader": 0, "kcp_synctarget_endpoint_runners": 0, "kcp_synctarget_endpoint_runner_starts_total": 0,
			},
		},
		"a leader with two shards, one starting, and a stopped runner": {
			leading: true,
			setup: func(s *Server) {
				addRunner(s, urlA, true, &fakeStats{readyWrites: 2, notReadyWrites: 1, conflicts: 1, deleted: 1, ready: 3, notReady: 1})
				addRunner(s, urlB, true, &fakeStats{readyWrites: 5, ready: 4, readyErr: errors.New("cache stopped")})
				addRunner(s, "https://127.0.0.1:6446/services/apiexport/root/workload.kcp.io", false, nil)
				s.runners.retired = counters{readyWrites: 4, conflicts: 2, deleted: 1}
				s.runners.started = 5
			},
			want: map[string]float64{
				`kcp_synctarget_status_writes_total{ready="false"}`: 1, `kcp_synctarget_status_writes_total{ready="true"}`: 11,
				"kcp_synctarget_status_conflicts_total": 3, "kcp_synctarget_status_deleted_total": 2,
				`kcp_synctarget_synctargets{ready="false"}`: 1, `kcp_synctarget_synctargets{ready="true"}`: 3,
				"kcp_synctarget_leader": 1, "kcp_synctarget_endpoint_runners": 3, "kcp_synctarget_endpoint_runner_starts_total": 5,
				ep("synced", urlA): 1, ep("synced", urlB): 1,
				ep("synced", "https://127.0.0.1:6446/services/apiexport/root/workload.kcp.io"): 0,
				ep("status_writes_total", urlA, `,ready="false"`):                              1, ep("status_writes_total", urlA, `,ready="true"`): 2,
				ep("status_writes_total", urlB, `,ready="false"`): 0, ep("status_writes_total", urlB, `,ready="true"`): 5,
				ep("status_conflicts_total", urlA): 1, ep("status_conflicts_total", urlB): 0,
				ep("status_deleted_total", urlA): 1, ep("status_deleted_total", urlB): 0,
				ep("synctargets", urlA, `,ready="false"`): 1, ep("synctargets", urlA, `,ready="true"`): 3,
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			s := newTestServer(testConfig(newFakeKCP(), nil))
			s.leading.Store(tc.leading)
			if tc.setup != nil {
				tc.setup(s)
			}
			got := samples(t, s)
			for series := range got {
				if strings.HasPrefix(series, "kcp_synctarget_") {
					continue
				}
				delete(got, series)
			}
			require.Equal(t, tc.want, got)
		})
	}
}

func TestCollectorDescribesEveryFamily(t *testing.T) {
	t.Parallel()

	ch := make(chan *metrics.Desc, 20)
	newCollector(newRunnerSet(nil), func() bool { return false }).DescribeWithStability(ch)
	close(ch)
	require.Len(t, ch, 12)
}
