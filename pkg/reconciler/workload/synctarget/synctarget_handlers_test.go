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
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1client "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/typed/workload/v1alpha1"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// TestEventHandlersQueueEveryChange checks the handlers NewController
// registers: adds, updates and deletes in any logical cluster queue the key.
func TestEventHandlersQueueEveryChange(t *testing.T) {
	t.Parallel()

	s := newFakeAPIServer(newSyncTarget("team-a", "st", "root:org:a"), newSyncTarget("team-b", "st", "root:org:b"))
	factory := kcpinformers.NewSharedInformerFactory(s.client, 0)
	c, err := NewController(s.client, factory.Workload().V1alpha1().SyncTargets())
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(t.Context())
	factory.Start(ctx.Done())
	t.Cleanup(func() {
		cancel()
		factory.Shutdown()
	})

	require.ElementsMatch(t, []string{"team-a|st", "team-b|st"}, drain(t, c, 2), "adds")

	client := s.client.Cluster(logicalcluster.NewPath("team-b")).WorkloadV1alpha1().SyncTargets()
	require.NoError(t, client.Delete(t.Context(), "st", metav1.DeleteOptions{}))
	require.Equal(t, []string{"team-b|st"}, drain(t, c, 1), "delete")

	st := newSyncTarget("team-a", "st", "root:org:a")
	st.ResourceVersion = "2"
	_, err = s.client.Cluster(logicalcluster.NewPath("team-a")).WorkloadV1alpha1().SyncTargets().Update(t.Context(), st, metav1.UpdateOptions{})
	require.NoError(t, err)
	require.Equal(t, []string{"team-a|st"}, drain(t, c, 1), "update")
}

// drain waits for n keys in the queue and takes them out.
func drain(t *testing.T, c *controller, n int) []string {
	t.Helper()
	require.Eventually(t, func() bool { return c.queue.Len() == n }, 10*time.Second, 10*time.Millisecond)
	keys := make([]string, 0, n)
	for range n {
		key, _ := c.queue.Get()
		c.queue.Done(key)
		keys = append(keys, key)
	}
	return keys
}

// recordingClient remembers the options of the last Patch.
type recordingClient struct {
	workloadv1alpha1client.SyncTargetInterface
	opts metav1.PatchOptions
}

func (r *recordingClient) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*SyncTarget, error) {
	r.opts = opts
	return r.SyncTargetInterface.Patch(ctx, name, pt, data, opts, subresources...)
}

func TestStatusPatcherNamesItsFieldManager(t *testing.T) {
	t.Parallel()

	s := newFakeAPIServer(newSyncTarget("team-a", "st", "root:org:a"))
	patcher := (&statusClusterPatcher{client: s.client, stats: &writeStats{}}).Cluster(logicalcluster.NewPath("team-a"))
	client := &recordingClient{SyncTargetInterface: patcher.(*statusPatcher).client}
	patcher.(*statusPatcher).client = client

	_, err := patcher.Patch(t.Context(), "st", types.MergePatchType,
		[]byte(`{"metadata":{"resourceVersion":"1","uid":"uid-st"},"status":{"lastSyncTime":`+nowJSON+`}}`), metav1.PatchOptions{}, "status")
	require.NoError(t, err)
	require.Equal(t, ControllerName, client.opts.FieldManager)
	require.Equal(t, map[string]int{"team-a|st": 1}, s.successfulWrites())
}

func TestWriteStatsAndReadyCounts(t *testing.T) {
	t.Parallel()

	c := newTestController()
	c.stats.record(newSyncTarget("team-a", "a", "root:a", withReady()), nil)
	c.stats.record(newSyncTarget("team-a", "b", "Root"), nil)
	c.stats.record(nil, apierrors.NewConflict(syncTargetsGVR.GroupResource(), "c", errors.New("modified")))
	c.stats.record(nil, errors.New("connection refused"))
	ready, notReady := c.StatusWritesByReady()
	require.Equal(t, [4]int64{1, 1, 1, 2}, [4]int64{ready, notReady, c.Conflicts(), c.StatusWrites()})

	c.listSyncTargets = func() ([]*SyncTarget, error) {
		return []*SyncTarget{newSyncTarget("team-a", "a", "root:a", withReady()), newSyncTarget("team-a", "b", "root:b")}, nil
	}
	readyN, notReadyN, err := c.ReadyCounts()
	require.NoError(t, err)
	require.Equal(t, [2]int{1, 1}, [2]int{readyN, notReadyN})

	c.listSyncTargets = func() ([]*SyncTarget, error) { return nil, errors.New("cache gone") }
	_, _, err = c.ReadyCounts()
	require.EqualError(t, err, "cache gone")
}
