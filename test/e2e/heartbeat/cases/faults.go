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
	"github.com/kcp-dev/kcp/pkg/syncer"
)

// PhysicalClusterDown stops the physical cluster under a live syncer: it
// stops renewing, says why in /metrics, and the SyncTarget turns Unknown
// with a reason naming the cluster. The cluster back, it turns True. The
// caller must not run it in parallel: every syncer probes that cluster.
func PhysicalClusterDown(t *testing.T, f *Fixture) {
	st := "physical"
	a := Agent{Kubeconfig: f.CreateSyncTarget(t, st), SyncTarget: st, Renew: Renew, Lease: time.Hour}
	s := a.Start(t, f.Env, "syncer")
	f.WaitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)

	require.NoError(t, f.Env.Physical.Stop())
	f.WaitFor(t, st, metav1.ConditionUnknown, workloadv1alpha1.PhysicalClusterUnreachableReason, converge)
	cond, _ := f.Ready(t, st)
	require.Contains(t, cond.Message, "/readyz")
	ms, err := s.Metrics(t.Context())
	require.NoError(t, err)
	renewing, err := ms.Sum("syncer_heartbeat_renewing", nil)
	require.NoError(t, err)
	require.Zero(t, renewing)
	failures, err := ms.Sum("syncer_heartbeat_failures_total", map[string]string{"reason": syncer.ReasonPhysicalClusterUnreachable})
	require.NoError(t, err)
	require.Positive(t, failures)

	f.Env.Physical, err = f.Env.Physical.StartAgain(t.Context())
	require.NoError(t, err)
	f.WaitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
}

// RestartLease is the lease duration of KCPRestart: a loaded 2-core -race
// run restarts kcp in 20-40 s.
const RestartLease = 90 * time.Second

// KCPRestart kills and restarts kcp, for less than the lease duration, under
// a live syncer: Ready never leaves True and the SyncTarget is not written,
// until one full lease duration after kcp went down has passed. In kcp the
// controller restarts with it: that is its start-up grace. The caller must
// not run it in parallel: every case's SyncTargets live in this kcp.
func KCPRestart(t *testing.T, f *Fixture) {
	st := "restart"
	a := Agent{Kubeconfig: f.CreateSyncTarget(t, st), SyncTarget: st, Renew: Renew, Lease: RestartLease}
	a.Start(t, f.Env, "syncer")
	f.WaitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
	_, before := f.Ready(t, st)

	down := time.Now()
	require.NoError(t, f.Env.KCP.Kill())
	var err error
	f.Env.KCP, err = f.Env.KCP.StartAgain(t.Context())
	require.NoError(t, err)
	t.Logf("kcp was down for %s (lease %s)", time.Since(down), RestartLease)
	require.Less(t, time.Since(down), RestartLease-2*Renew, "the restart took too long for this test to mean anything")
	f.Connect(t)

	f.RequireStays(t, st, metav1.ConditionTrue, time.Until(down.Add(RestartLease+Slack)))
	_, after := f.Ready(t, st)
	require.Equal(t, before.ResourceVersion, after.ResourceVersion, "the SyncTarget was written")
}
