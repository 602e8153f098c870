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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestManagerKilled kills the manager (SIGKILL) while it works through a
// backlog and starts a new one: it converges and sends not a single write
// to an object that was Ready already.
func TestManagerKilled(t *testing.T) {
	t.Parallel()

	const count = 600
	f := newFixture(t, kcpServer, 2)
	_, err := f.load("killed", count, 10).Create(t.Context(), f.client)
	require.NoError(t, err)

	m := f.startManager(t)
	require.Eventually(t, func() bool {
		n, err := writesNow(t.Context(), m)
		return err == nil && n >= count/4
	}, converge, 10*time.Millisecond, "the manager never got going")
	require.NoError(t, m.Kill())

	// What kcp holds once the manager is dead: the objects Ready already,
	// by resourceVersion.
	list, err := f.vwClient.WorkloadV1alpha1().SyncTargets().List(t.Context(), metav1.ListOptions{})
	require.NoError(t, err)
	readyAtKill := map[framework.ObjectKey]string{}
	for i := range list.Items {
		st := &list.Items[i]
		if meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition) {
			readyAtKill[framework.ObjectKey{Cluster: logicalcluster.From(st), Name: st.Name}] = st.ResourceVersion
		}
	}
	t.Logf("killed the manager with %d of %d SyncTargets Ready", len(readyAtKill), count)
	require.Less(t, len(readyAtKill), count, "killed too late to test anything")

	m2 := f.startManager(t)
	_, err = f.rec.WaitFor(t.Context(), converge, func(t framework.Totals) bool { return t.Ready == count })
	require.NoError(t, err, "the new manager did not make every SyncTarget Ready")
	waitDrained(t, m2)

	snapshot := f.rec.Snapshot()
	for key, rv := range readyAtKill {
		require.Equal(t, rv, snapshot[key].ResourceVersion, "%v was Ready at the kill and written since", key)
	}
	for key, rec := range snapshot {
		require.Equal(t, 1, rec.Writes, "%v", key)
	}
	// A patch the killed manager had sent may land after the list above,
	// so the new manager may find a few more objects Ready than listed.
	require.LessOrEqual(t, writes(t, metrics(t, m2)), count-len(readyAtKill))
	f.requireQuiet(t)
}
