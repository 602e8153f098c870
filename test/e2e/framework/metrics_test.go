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
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

func TestParseMetrics(t *testing.T) {
	t.Parallel()

	text := `# HELP kcp_synctarget_status_writes_total Status patches.
# TYPE kcp_synctarget_status_writes_total counter
kcp_synctarget_status_writes_total{ready="false"} 2
kcp_synctarget_status_writes_total{ready="true"} 2000
workqueue_depth{name="kcp-synctarget"} 0
workqueue_depth{name="other"} 7
go_memstats_heap_inuse_bytes 1.2345e+07
odd{a="x,y=\"z\"}",b="line\nbreak"} 1 1700000000000
`
	ms, err := framework.ParseMetrics(text)
	require.NoError(t, err)
	require.Len(t, ms, 6)
	for name, tc := range map[string]struct {
		metric  string
		match   map[string]string
		want    float64
		wantErr string
	}{
		"all label values":       {metric: "kcp_synctarget_status_writes_total", want: 2002},
		"one label value":        {metric: "kcp_synctarget_status_writes_total", match: map[string]string{"ready": "true"}, want: 2000},
		"selected queue":         {metric: "workqueue_depth", match: map[string]string{"name": "kcp-synctarget"}},
		"no labels":              {metric: "go_memstats_heap_inuse_bytes", want: 12345000},
		"escaped label values":   {metric: "odd", match: map[string]string{"a": `x,y="z"}`, "b": "line\nbreak"}, want: 1},
		"missing metric":         {metric: "kcp_synctarget_status_write_total", wantErr: "no metric kcp_synctarget_status_write_total"},
		"missing series":         {metric: "workqueue_depth", match: map[string]string{"name": "nope"}, wantErr: "no series of workqueue_depth with labels map[name:nope]"},
		"missing label on match": {metric: "go_memstats_heap_inuse_bytes", match: map[string]string{"x": "y"}, wantErr: "no series of go_memstats_heap_inuse_bytes with labels map[x:y]"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := ms.Sum(tc.metric, tc.match)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.InDelta(t, tc.want, got, 0)
		})
	}
	require.True(t, ms.Has("odd"))
	require.False(t, ms.Has("absent"))
	for series, want := range map[string]float64{
		`kcp_synctarget_status_writes_total{ready="true"}`: 2000,
		"go_memstats_heap_inuse_bytes":                     12345000,
		`odd{a="x,y=\"z\"}",b="line\nbreak"}`:              1,
	} {
		got, ok := ms.Series(series)
		require.True(t, ok, series)
		require.InDelta(t, want, got, 0, series)
	}
	_, ok := ms.Series("kcp_synctarget_status_writes_total")
	require.False(t, ok, "a name alone is not a labelled series")
}

func TestParseMetricsErrors(t *testing.T) {
	t.Parallel()

	for name, line := range map[string]string{
		"no value":             "metric_name",
		"bad value":            "metric_name abc",
		"unterminated labels":  `metric_name{a="b} 1`,
		"label without quotes": "metric_name{a=b} 1",
		"no name":              `{a="b"} 1`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := framework.ParseMetrics(line + "\n")
			require.Error(t, err)
		})
	}
}
