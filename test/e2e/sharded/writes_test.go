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

package sharded

import (
	"context"
	"maps"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
	watchtools "k8s.io/client-go/tools/watch"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// writeCounter counts the writes kcp stored to the SyncTargets of one
// workspace, by name, whatever their writer saw: a write whose response a
// frozen shard never sent still counts, and so would a duplicate.
type writeCounter struct {
	mu     sync.Mutex
	counts map[string]int
}

// countWrites watches the SyncTargets of ws from now on, resuming the watch
// from the last resourceVersion whenever it breaks, until the test ends.
func countWrites(t *testing.T, client workloadclientset.ClusterInterface, ws logicalcluster.Path) *writeCounter {
	t.Helper()
	syncTargets := client.Cluster(ws).WorkloadV1alpha1().SyncTargets()
	list, err := syncTargets.List(t.Context(), metav1.ListOptions{})
	require.NoError(t, err)
	lw := &cache.ListWatch{WatchFuncWithContext: func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
		return syncTargets.Watch(ctx, opts)
	}}
	rw, err := watchtools.NewRetryWatcherWithContext(t.Context(), list.ResourceVersion, lw)
	require.NoError(t, err)
	t.Cleanup(rw.Stop)
	w := &writeCounter{counts: map[string]int{}}
	go func() {
		for event := range rw.ResultChan() {
			if obj, ok := event.Object.(metav1.Object); ok && event.Type == watch.Modified {
				w.mu.Lock()
				w.counts[obj.GetName()]++
				w.mu.Unlock()
			}
		}
	}()
	return w
}

// get returns the writes seen so far, by name.
func (w *writeCounter) get() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return maps.Clone(w.counts)
}
