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

package heartbeat

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	converge = framework.ConvergeTimeout
	// The timing of the lifecycle test: a renewal every 2 s, stale after 10 s.
	renew, lease = 2 * time.Second, 10 * time.Second
	// slack is what the controller may add to a transition: the bound.
	slack = 2 * time.Second
)

// TestLifecycle runs one syncer per clock skew. Live, it makes its SyncTarget
// Ready and keeps it so, with no write, over two lease durations (no false
// stale). SIGKILLed, the SyncTarget turns Unknown one lease duration after
// the last renewal, within slack, not before (no false fresh). Restarted,
// True within slack of its first renewal.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.startManager(t, "manager")
	skews := map[string]time.Duration{"no skew": 0, "10m ahead": 10 * time.Minute, "10m behind": -10 * time.Minute}
	for name, skew := range skews {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			st := framework.RandomName("st")
			a := agent{kubeconfig: f.createSyncTarget(t, st), syncTarget: st, renew: renew, lease: lease, skew: skew}
			f.waitFor(t, st, metav1.ConditionUnknown, workloadv1alpha1.SyncerNotConnectedReason, converge)

			first := a.start(t, "syncer-1")
			f.waitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
			_, before := f.ready(t, st)
			f.requireStays(t, st, metav1.ConditionTrue, 2*lease)
			_, after := f.ready(t, st)
			require.Equal(t, before.ResourceVersion, after.ResourceVersion, "no SyncTarget write while the beats are fresh")

			require.NoError(t, first.Kill())
			last := f.lastRenewal(t, a)
			unknownAt := f.waitFor(t, st, metav1.ConditionUnknown, workloadv1alpha1.SyncerHeartbeatExpiredReason, lease+converge)
			t.Logf("%s: Unknown %s after the last renewal (lease %s)", name, unknownAt.Sub(last), lease)
			require.GreaterOrEqual(t, unknownAt.Sub(last), lease-poll, "stale before the lease expired")
			require.LessOrEqual(t, unknownAt.Sub(last), lease+slack)

			a.start(t, "syncer-2")
			renewed := f.waitRenewal(t, a, last)
			trueAt := f.waitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
			t.Logf("%s: True %s after the first renewal of the restarted syncer", name, trueAt.Sub(renewed))
			require.LessOrEqual(t, trueAt.Sub(renewed), slack)
		})
	}
}

// requireStays fails unless Ready keeps status for d.
func (f *fixture) requireStays(t *testing.T, name string, status metav1.ConditionStatus, d time.Duration) {
	t.Helper()
	var last *metav1.Condition
	err := wait.PollUntilContextTimeout(t.Context(), poll, d, true, func(context.Context) (bool, error) {
		last, _ = f.ready(t, name)
		return last == nil || last.Status != status, nil
	})
	require.ErrorIs(t, err, context.DeadlineExceeded, "Ready left %s: %+v", status, last)
}

// waitRenewal polls the Lease until it is renewed after since, and returns
// that renewal's time by the test's clock.
func (f *fixture) waitRenewal(t *testing.T, a agent, since time.Time) time.Time {
	t.Helper()
	var renewed time.Time
	err := wait.PollUntilContextTimeout(t.Context(), poll/2, converge, true, func(context.Context) (bool, error) {
		renewed = f.lastRenewal(t, a)
		return renewed.After(since), nil
	})
	require.NoError(t, err, "no renewal after %s", since)
	return renewed
}
