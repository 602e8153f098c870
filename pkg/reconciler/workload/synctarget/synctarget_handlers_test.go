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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

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
