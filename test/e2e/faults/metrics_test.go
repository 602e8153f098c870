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

package faults

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/util/wait"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// queue selects the controller's workqueue in client-go's metrics.
var queue = map[string]string{"name": "kcp-synctarget"}

// metrics scrapes the manager once.
func metrics(t *testing.T, m *framework.Manager) framework.Metrics {
	t.Helper()
	ms, err := m.Metrics(t.Context())
	require.NoError(t, err)
	return ms
}

// writes is the manager's count of accepted status patches.
func writes(t *testing.T, ms framework.Metrics) int {
	t.Helper()
	return int(framework.SumForTest(t, ms, "kcp_synctarget_status_writes_total", nil))
}

// writesNow scrapes the manager's count of accepted status patches, for polls.
func writesNow(ctx context.Context, m *framework.Manager) (int, error) {
	ms, err := m.Metrics(ctx)
	if err != nil {
		return 0, err
	}
	v, err := ms.Sum("kcp_synctarget_status_writes_total", nil)
	return int(v), err
}

// conflicts is the manager's count of status patches refused with 409.
func conflicts(t *testing.T, ms framework.Metrics) int {
	t.Helper()
	return int(framework.SumForTest(t, ms, "kcp_synctarget_status_conflicts_total", nil))
}

// waitDrained waits until the manager's queue is empty with nothing in flight.
func waitDrained(t *testing.T, m *framework.Manager) {
	t.Helper()
	var last error
	err := wait.PollUntilContextTimeout(t.Context(), 100*time.Millisecond, converge, true, func(ctx context.Context) (bool, error) {
		ms, err := m.Metrics(ctx)
		var depth, unfinished float64
		if err == nil {
			depth, err = ms.Sum("workqueue_depth", queue)
		}
		if err == nil {
			unfinished, err = ms.Sum("workqueue_unfinished_work_seconds", queue)
		}
		last = err
		return err == nil && depth == 0 && unfinished == 0, nil
	})
	require.NoError(t, err, "the manager's queue never drained (last error: %v)", last)
}

// kcpMetrics scrapes kcp once.
func kcpMetrics(t *testing.T, k *framework.KCP) framework.Metrics {
	t.Helper()
	ms, err := k.ScrapeMetrics(t.Context())
	require.NoError(t, err)
	return ms
}
