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
	"maps"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kcp-dev/logicalcluster/v3"

	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// The workers keep running for quietWindow after every object is reconciled:
// a needless second write, which the informer's update event for the first
// write triggers within a few milliseconds on the fake, must land while the
// test still counts. It is 100 polls of tick, the interval of every poll here.
const (
	tick        = 10 * time.Millisecond
	quietWindow = 100 * tick
	deadline    = 10 * time.Second
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

			runWorkers(t, s, func() bool { return everyObjectReconciled(t, s, tc.competing) })

			writes, conflicts := s.successfulWrites()
			require.Equal(t, wantWrites, writes)
			if tc.competing {
				// A retry may still read the stale object from the cache: bounded, not exact.
				require.GreaterOrEqual(t, conflicts, len(wantWrites), "at least one conflict per object")
				require.LessOrEqual(t, conflicts, 4*len(wantWrites), "conflicts are bounded")
			} else {
				require.Zero(t, conflicts)
			}
		})
	}
}

// runWorkers starts informers and two workers, waits until reconciled holds and
// the queue is empty, then keeps them running for quietWindow, failing at
// once if a write lands meanwhile, and stops them. The controller's clock
// advances on every read, so a needless reconcile cannot hide behind an equal
// status, which the committer would not send.
func runWorkers(t *testing.T, s *fakeAPIServer, reconciled func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	factory := kcpinformers.NewSharedInformerFactory(s.client, 0)
	c, err := NewController(s.client, factory.Workload().V1alpha1().SyncTargets())
	require.NoError(t, err)
	var ticks atomic.Int64
	c.now = func() time.Time { return testNow.Add(time.Duration(ticks.Add(1)) * time.Second) }
	factory.Start(ctx.Done())
	for typ, synced := range factory.WaitForCacheSync(ctx.Done()) {
		require.True(t, synced, "informer for %v synced", typ)
	}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		c.Start(ctx, 2)
	}()
	require.Eventually(t, func() bool { return reconciled() && c.queue.Len() == 0 }, deadline, tick)
	settled, _ := s.successfulWrites()
	require.Never(t, func() bool {
		writes, _ := s.successfulWrites()
		return !maps.Equal(settled, writes)
	}, quietWindow, tick, "a write landed after every object was reconciled")
	cancel()
	<-stopped
	factory.Shutdown()
}
