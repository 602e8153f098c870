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

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// TestWorkersWriteEachChangeOnce runs workers and real informers against the
// fake API server in two logical clusters: one status write per object that
// needs one, none for a Ready one, also when a competing writer makes the
// first write of every object stale.
func TestWorkersWriteEachChangeOnce(t *testing.T) {
	t.Parallel()

	tests := map[string]struct{ competing bool }{
		"every object is written once, the Ready one never":     {},
		"a competing writer's condition survives its conflicts": {competing: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			objs := make([]runtime.Object, 0, 10)
			wantWrites := map[string]int{}
			for _, cluster := range []logicalcluster.Name{"team-a", "team-b"} {
				for _, name := range []string{"st-1", "st-2", "st-3", "bad"} {
					kcpCluster := map[bool]string{false: "root:org:" + name, true: "Root:Org"}[name == "bad"]
					objs = append(objs, newSyncTarget(cluster, name, kcpCluster))
					wantWrites[cluster.String()+"|"+name] = 1
				}
				objs = append(objs, newSyncTarget(cluster, "ready", "root:org:team", withReady()))
			}
			s := newFakeAPIServer(objs...)
			competed := map[string]bool{}
			if tc.competing {
				s.beforePatch = func(key string) { s.competeOnce(t, competed, key) }
			}
			// Workers count a write after kcp acknowledged it: wait for the counts too.
			c := runWorkers(t, s, func(c *controller) bool {
				r, nr := c.StatusWritesByReady()
				return r+nr == 8 && everyObjectReconciled(t, s, tc.competing)
			})

			require.Equal(t, wantWrites, s.successfulWrites())
			ready, notReady := c.StatusWritesByReady()
			require.Equal(t, int64(6), ready)
			require.Equal(t, int64(2), notReady)
			if tc.competing {
				// A retry may still read the stale object from the cache: bounded, not exact.
				require.GreaterOrEqual(t, c.Conflicts(), int64(len(wantWrites)), "at least one conflict per object")
				require.LessOrEqual(t, c.Conflicts(), int64(4*len(wantWrites)), "conflicts are bounded")
			} else {
				require.Zero(t, c.Conflicts())
			}
		})
	}
}

// runWorkers starts informers and two workers and returns the controller,
// stopped, once done holds and the queue is empty.
func runWorkers(t *testing.T, s *fakeAPIServer, done func(*controller) bool) *controller {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	factory := kcpinformers.NewSharedInformerFactory(s.client, 0)
	c, err := NewController(s.client, factory.Workload().V1alpha1().SyncTargets())
	require.NoError(t, err)
	c.now = func() time.Time { return testNow }
	factory.Start(ctx.Done())
	for typ, synced := range factory.WaitForCacheSync(ctx.Done()) {
		require.True(t, synced, "informer for %v synced", typ)
	}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		c.Start(ctx, 2)
	}()
	require.Eventually(t, func() bool { return done(c) && c.queue.Len() == 0 }, 10*time.Second, 10*time.Millisecond)
	cancel()
	<-stopped
	factory.Shutdown()
	return c
}

// competeOnce writes a foreign condition to key's object before the
// controller's first patch of it, making that patch stale.
func (s *fakeAPIServer) competeOnce(t *testing.T, competed map[string]bool, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if competed[key] {
		return
	}
	competed[key] = true
	cluster, _, name, err := kcpcache.SplitMetaClusterNamespaceKey(key)
	require.NoError(t, err)
	st, err := s.get(cluster.Path(), name)
	require.NoError(t, err)
	st = st.DeepCopy()
	withCondition(syncerReady)(st)
	require.NoError(t, s.update(cluster.Path(), st))
}

// everyObjectReconciled reports whether every object in the fake has its Ready
// condition at its generation (and, with foreign, the competing condition).
func everyObjectReconciled(t *testing.T, s *fakeAPIServer, foreign bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	list, err := s.client.Tracker().List(syncTargetsGVR, workloadv1alpha1.SchemeGroupVersion.WithKind("SyncTarget"), "")
	require.NoError(t, err)
	for _, st := range list.(*workloadv1alpha1.SyncTargetList).Items {
		ready := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
		if ready == nil || ready.ObservedGeneration != st.Generation {
			return false
		}
		if foreign && st.Name != "ready" && meta.FindStatusCondition(st.Status.Conditions, syncerReady.Type) == nil {
			return false
		}
	}
	return true
}
