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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/syncer"
)

// TestPhysicalClusterDown stops the physical cluster under a live syncer: it
// stops renewing, says why in /metrics, and the SyncTarget turns Unknown
// with a reason naming the cluster. The cluster back, it turns True.
// Not parallel: the other tests' syncers probe the same cluster.
func TestPhysicalClusterDown(t *testing.T) {
	f := newFixture(t)
	f.startManager(t, "manager")
	st := "physical"
	a := agent{kubeconfig: f.createSyncTarget(t, st), syncTarget: st, renew: renew, lease: time.Hour}
	s := a.start(t, "syncer")
	f.waitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)

	require.NoError(t, physical.Stop())
	f.waitFor(t, st, metav1.ConditionUnknown, workloadv1alpha1.PhysicalClusterUnreachableReason, converge)
	cond, _ := f.ready(t, st)
	require.Contains(t, cond.Message, "/readyz")
	ms, err := s.Metrics(t.Context())
	require.NoError(t, err)
	renewing, err := ms.Sum("syncer_heartbeat_renewing", nil)
	require.NoError(t, err)
	require.Zero(t, renewing)
	failures, err := ms.Sum("syncer_heartbeat_failures_total", map[string]string{"reason": syncer.ReasonPhysicalClusterUnreachable})
	require.NoError(t, err)
	require.Positive(t, failures)

	physical, err = physical.StartAgain(t.Context())
	require.NoError(t, err)
	f.waitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
}

// TestKCPRestartWithinGrace kills and restarts kcp, for less than the lease
// duration, under a live syncer: Ready never leaves True and the SyncTarget
// is not written, until one full lease duration after kcp went down has
// passed. Not parallel: every test's SyncTargets live in this kcp.
func TestKCPRestartWithinGrace(t *testing.T) {
	const lease = 90 * time.Second // a loaded 2-core -race run restarts kcp in 20-40 s
	f := newFixture(t)
	// It keeps leading through the restart, as in test/e2e/faults.
	f.startManager(t, "manager", "--leader-elect-lease-duration=3m", "--leader-elect-renew-deadline=150s")
	st := "restart"
	a := agent{kubeconfig: f.createSyncTarget(t, st), syncTarget: st, renew: renew, lease: lease}
	a.start(t, "syncer")
	f.waitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
	_, before := f.ready(t, st)

	down := time.Now()
	require.NoError(t, kcpServer.Kill())
	var err error
	kcpServer, err = kcpServer.StartAgain(t.Context())
	require.NoError(t, err)
	t.Logf("kcp was down for %s (lease %s)", time.Since(down), lease)
	require.Less(t, time.Since(down), lease-2*renew, "the restart took too long for this test to mean anything")
	f.connect(t)

	f.requireStays(t, st, metav1.ConditionTrue, time.Until(down.Add(lease+slack)))
	_, after := f.ready(t, st)
	require.Equal(t, before.ResourceVersion, after.ResourceVersion, "the SyncTarget was written")
}

// TestManagerRestart replaces the manager under live syncers: no transition
// and no write, through the new manager's start-up grace and beyond.
func TestManagerRestart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := f.startManager(t, "manager-1")
	st := "manager-restart"
	a := agent{kubeconfig: f.createSyncTarget(t, st), syncTarget: st, renew: renew, lease: lease}
	a.start(t, "syncer")
	f.waitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)
	_, before := f.ready(t, st)

	require.NoError(t, m.Stop())
	next := f.startManager(t, "manager-2")
	f.requireStays(t, st, metav1.ConditionTrue, 2*lease)
	_, after := f.ready(t, st)
	require.Equal(t, before.ResourceVersion, after.ResourceVersion, "the SyncTarget was written")
	ms, err := next.Metrics(t.Context())
	require.NoError(t, err)
	writes, err := ms.Sum("kcp_synctarget_status_writes_total", nil)
	require.NoError(t, err)
	require.Zero(t, writes, "the new manager wrote a status")
}
