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

package cases

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	// The timing of the lifecycle case: a renewal every 2 s, stale after 10 s.
	Renew, Lease = 2 * time.Second, 10 * time.Second
	// Slack is what the controller may add to a transition: the bound.
	Slack = 2 * time.Second
)

// Lifecycle runs one syncer per clock skew. Live, it makes its SyncTarget
// Ready and keeps it so, with no write, over two lease durations (no false
// stale). SIGKILLed, the SyncTarget turns Unknown one lease duration after
// the last renewal, within Slack, not before (no false fresh). Restarted,
// True within Slack of its first renewal.
func Lifecycle(t *testing.T, f *Fixture) {
	skews := map[string]time.Duration{"no skew": 0, "10m ahead": 10 * time.Minute, "10m behind": -10 * time.Minute}
	for name, skew := range skews {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			st := framework.RandomName("st")
			a := Agent{Kubeconfig: f.CreateSyncTarget(t, st), SyncTarget: st, Renew: Renew, Lease: Lease, Skew: skew}
			f.WaitFor(t, st, metav1.ConditionUnknown, workloadv1alpha1.SyncerNotConnectedReason, converge)

			first := a.Start(t, f.Env, "syncer-1")
			f.WaitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
			_, before := f.Ready(t, st)
			f.RequireStays(t, st, metav1.ConditionTrue, 2*Lease)
			_, after := f.Ready(t, st)
			require.Equal(t, before.ResourceVersion, after.ResourceVersion, "no SyncTarget write while the beats are fresh")

			require.NoError(t, first.Kill())
			last := f.LastRenewal(t, a)
			unknownAt := f.WaitFor(t, st, metav1.ConditionUnknown, workloadv1alpha1.SyncerHeartbeatExpiredReason, Lease+converge)
			t.Logf("%s: Unknown %s after the last renewal (lease %s)", name, unknownAt.Sub(last), Lease)
			require.GreaterOrEqual(t, unknownAt.Sub(last), Lease-Poll, "stale before the lease expired")
			require.LessOrEqual(t, unknownAt.Sub(last), Lease+Slack)

			a.Start(t, f.Env, "syncer-2")
			renewed := f.WaitRenewal(t, a, last)
			trueAt := f.WaitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
			t.Logf("%s: True %s after the first renewal of the restarted syncer", name, trueAt.Sub(renewed))
			require.LessOrEqual(t, trueAt.Sub(renewed), Slack)
		})
	}
}
