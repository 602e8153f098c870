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
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/component-base/metrics/testutil"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

var testNow = time.Date(2026, time.March, 4, 5, 6, 7, 0, time.UTC)

// newTestHeartbeat beats for SyncTarget "st" on a fake clientset; ready is
// the probe. Its clock runs 10 minutes ahead of testNow.
func newTestHeartbeat(ready func() error) (*Heartbeat, *fake.Clientset) {
	client := fake.NewClientset()
	return &Heartbeat{SyncTarget: "st", Identity: "syncer-1", RenewInterval: 10 * time.Second, LeaseDuration: 40 * time.Second,
		Leases: client.CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace),
		GetSyncTarget: func(context.Context) (*workloadv1alpha1.SyncTarget, error) {
			return &workloadv1alpha1.SyncTarget{ObjectMeta: metav1.ObjectMeta{Name: "st", UID: "uid-st"}}, nil
		},
		Probe:   func(context.Context) error { return ready() },
		Now:     func() time.Time { return testNow.Add(10 * time.Minute) },
		Metrics: NewMetrics()}, client
}

func verbs(client *fake.Clientset) []string {
	got := make([]string, 0, len(client.Actions()))
	for _, a := range client.Actions() {
		got = append(got, a.GetVerb())
	}
	client.ClearActions()
	return got
}

func lease(t *testing.T, client *fake.Clientset) *coordinationv1.Lease {
	t.Helper()
	l, err := client.CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace).Get(t.Context(), "synctarget-st", metav1.GetOptions{})
	require.NoError(t, err)
	return l
}

func TestBeat(t *testing.T) {
	t.Parallel()
	var probe error
	h, client := newTestHeartbeat(func() error { return probe })

	h.Beat(t.Context())
	require.Equal(t, []string{"get", "create", "update"}, verbs(client), "the first beat creates the Lease")
	l := lease(t, client)
	require.Equal(t, map[string]string{workloadv1alpha1.HeartbeatLabel: "true"}, l.Labels)
	require.Equal(t, []metav1.OwnerReference{{APIVersion: "workload.kcp.io/v1alpha1", Kind: "SyncTarget", Name: "st", UID: "uid-st"}},
		l.OwnerReferences)
	require.Equal(t, testNow.Add(10*time.Minute), l.Spec.RenewTime.Time, "by the syncer's clock, skewed or not")
	require.Equal(t, int32(40), *l.Spec.LeaseDurationSeconds)
	client.ClearActions()

	for range 3 {
		h.Beat(t.Context())
		require.Equal(t, []string{"update"}, verbs(client), "a beat is one write")
	}
	renewals, err := testutil.GetCounterMetricValue(h.Metrics.renewals)
	require.NoError(t, err)
	require.InDelta(t, 4.0, renewals, 0)

	for _, text := range []string{"connection refused", "i/o timeout", "EOF"} {
		probe = errors.New(text)
		h.Beat(t.Context())
	}
	require.Equal(t, []string{"update"}, verbs(client), "an outage is reported once, with its first error")
	require.Equal(t, "physical cluster /readyz: connection refused", lease(t, client).Annotations[workloadv1alpha1.UnreachableAnnotation])
	client.ClearActions()
	failures, err := testutil.GetCounterMetricValue(h.Metrics.failures.WithLabelValues(ReasonPhysicalClusterUnreachable))
	require.NoError(t, err)
	require.InDelta(t, 3.0, failures, 0)
	renewing, err := testutil.GetGaugeMetricValue(h.Metrics.renewing)
	require.NoError(t, err)
	require.Zero(t, renewing)

	probe = nil
	h.Beat(t.Context())
	require.Equal(t, []string{"update"}, verbs(client), "the recovery renews and clears the report in one write")
	require.NotContains(t, lease(t, client).Annotations, workloadv1alpha1.UnreachableAnnotation)
}
