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

package synctarget

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"

	kcpkubernetesinformers "github.com/kcp-dev/client-go/informers"
	kcpkubefake "github.com/kcp-dev/client-go/kubernetes/fake"
	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpfakeclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// afterQueue records the delays the controller asks for.
type afterQueue struct {
	workqueue.TypedRateLimitingInterface[string]
	after chan time.Duration
}

func (q *afterQueue) AddAfter(key string, d time.Duration) {
	q.after <- d
	q.TypedRateLimitingInterface.AddAfter(key, d)
}

// TestHeartbeatEvents runs WithHeartbeats on a fake Lease informer: a Lease
// listed at start proves nothing, its renewal makes the SyncTarget Ready, and
// each reconcile asks to be looked at again when the Lease would expire.
func TestHeartbeatEvents(t *testing.T) {
	t.Parallel()
	st := newSyncTarget("team-a", "st", "root:org")
	client := kcpfakeclientset.NewClientset(st.DeepCopy())
	syncTargets := kcpinformers.NewSharedInformerFactory(client, 0).Workload().V1alpha1().SyncTargets()
	require.NoError(t, syncTargets.Informer().GetIndexer().Add(st.DeepCopy()))
	kube := kcpkubefake.NewClientset()
	lease := newLease("st", testNow.Add(-time.Hour), func(l *coordinationv1.Lease) { l.ResourceVersion = "1" }) // a clock an hour behind
	require.NoError(t, kube.Tracker().Cluster(logicalcluster.NewPath("team-a")).Add(lease))
	leases := kcpkubernetesinformers.NewSharedInformerFactory(kube, 0)

	c, err := NewController(client, syncTargets)
	require.NoError(t, err)
	queue := &afterQueue{TypedRateLimitingInterface: c.queue, after: make(chan time.Duration, 4)}
	c.queue, c.now = queue, func() time.Time { return testNow }
	t.Cleanup(queue.ShutDown)
	synced, err := c.WithHeartbeats(leases.Coordination().V1().Leases())
	require.NoError(t, err)
	leases.Start(t.Context().Done())
	require.True(t, cache.WaitForCacheSync(t.Context().Done(), synced), "the handler has seen the listed Lease")

	wantReason := func(reason string) {
		t.Helper()
		require.True(t, c.processNextWorkItem(t.Context()))
		require.Equal(t, 20*time.Second, <-queue.after, "the Lease's duration from the observation on")
		require.Equal(t, reason, lastReason(t, client))
	}
	wantReason(workloadv1alpha1.SyncerNotConnectedReason) // listed at start

	lease = lease.DeepCopy()
	lease.Spec.RenewTime, lease.ResourceVersion = &metav1.MicroTime{Time: testNow.Add(-time.Hour + 10*time.Second)}, "2"
	_, err = kube.Cluster(logicalcluster.NewPath("team-a")).CoordinationV1().Leases(lease.Namespace).
		Update(t.Context(), lease, metav1.UpdateOptions{})
	require.NoError(t, err)
	wantReason(workloadv1alpha1.SyncerConnectedReason) // the renewal's event queued the SyncTarget

	require.NoError(t, kube.Cluster(logicalcluster.NewPath("team-a")).CoordinationV1().Leases(lease.Namespace).
		Delete(t.Context(), lease.Name, metav1.DeleteOptions{}))
	require.True(t, c.processNextWorkItem(t.Context()))
	require.Empty(t, queue.after, "without a Lease only an event changes the status")
	require.Equal(t, workloadv1alpha1.SyncerNotConnectedReason, lastReason(t, client))
}

// lastReason is the Ready reason of the last status patch sent.
func lastReason(t *testing.T, client *kcpfakeclientset.ClusterClientset) string {
	t.Helper()
	actions := client.Actions()
	patch, ok := actions[len(actions)-1].(kcptesting.PatchActionImpl)
	require.True(t, ok, "want a patch, got %v", actions[len(actions)-1])
	var got SyncTarget
	require.NoError(t, json.Unmarshal(patch.GetPatch(), &got))
	return got.Status.Conditions[0].Reason
}
