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

package syncer

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	coordinationv1 "k8s.io/api/coordination/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/component-base/metrics/testutil"
)

// TestBeatRetriesAConflictOnce: kcp labels a claimed Lease after its
// creation, so the next update conflicts; it is read again and retried.
func TestBeatRetriesAConflictOnce(t *testing.T) {
	t.Parallel()
	var probe error
	h, client := newTestHeartbeat(func() error { return probe })
	h.Beat(t.Context())
	conflicts := 0
	client.PrependReactor("update", "leases", func(clienttesting.Action) (bool, runtime.Object, error) {
		conflicts++
		if conflicts > 1 {
			return false, nil, nil
		}
		return true, nil, apierrors.NewConflict(coordinationv1.Resource("leases"), "synctarget-st", errors.New("modified"))
	})
	client.ClearActions()
	h.Beat(t.Context())
	require.Equal(t, []string{"update", "get", "update"}, verbs(client))
	renewals, err := testutil.GetCounterMetricValue(h.Metrics.renewals)
	require.NoError(t, err)
	require.InDelta(t, 2.0, renewals, 0)
}

// TestBeatAfterAFailedRead: a read that failed leaves nothing behind to
// update; the next beat reads again.
func TestBeatAfterAFailedRead(t *testing.T) {
	t.Parallel()
	var probe error
	h, client := newTestHeartbeat(func() error { return probe })
	h.Beat(t.Context())
	h.lease = nil // as after a conflict
	failed := false
	client.PrependReactor("get", "leases", func(clienttesting.Action) (bool, runtime.Object, error) {
		if failed {
			return false, nil, nil
		}
		failed = true
		return true, nil, errors.New("connection refused")
	})
	client.ClearActions()
	h.Beat(t.Context())
	h.Beat(t.Context())
	require.Equal(t, []string{"get", "get", "update"}, verbs(client))
	require.Equal(t, testNow.Add(10*time.Minute), lease(t, client).Spec.RenewTime.Time)
}
