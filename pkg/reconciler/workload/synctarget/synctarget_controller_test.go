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
	"encoding/json"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientfeatures "k8s.io/client-go/features"
	clientfeaturestesting "k8s.io/client-go/features/testing"
	"k8s.io/client-go/tools/cache"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"
	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

const (
	wait30s   = 30 * time.Second
	tick      = 100 * time.Millisecond
	settleFor = 2 * time.Second
)

// wantReady is the Ready condition a key must end with.
type wantReady struct {
	status metav1.ConditionStatus
	reason string
}

// TestController runs the controller with workers against the generated fake
// clientset and informers, across two logical clusters.
func TestController(t *testing.T) {
	t.Parallel()
	// Informers on the generated fake never sync with WatchListClient on: the
	// generator version in use does not emit the opt-out. SetFeatureDuringTest
	// is fine with t.Parallel as long as no other test overrides the same
	// feature; the subtests are its own, so they share the override.
	clientfeaturestesting.SetFeatureDuringTest(t, clientfeatures.WatchListClient, false)

	const teamA, teamB = logicalcluster.Name("team-a"), logicalcluster.Name("team-b")
	newObjs := func() []runtime.Object {
		return []runtime.Object{
			newSyncTarget(teamA, "valid", "root:org:team-a", withExports("root:org:kubernetes", "local-export")),
			newSyncTarget(teamA, "bad-cluster", "Root:Org"),
			newSyncTarget(teamB, "valid", "root:org:team-b", withCondition(syncerReady)),
			newSyncTarget(teamB, "bad-export", "root:org:team-b", withExports("root:org:Bad")),
			newSyncTarget(teamB, "doomed", "root:org:team-b"),
		}
	}
	ready := wantReady{status: metav1.ConditionTrue, reason: workloadv1alpha1.SyncTargetReadyReason}
	want := map[string]wantReady{
		"team-a|valid":       ready,
		"team-a|bad-cluster": {status: metav1.ConditionFalse, reason: workloadv1alpha1.InvalidKCPClusterReason},
		"team-b|valid":       ready,
		"team-b|bad-export":  {status: metav1.ConditionFalse, reason: workloadv1alpha1.InvalidAPIExportReferenceReason},
		"team-b|doomed":      ready,
	}

	tests := map[string]struct {
		conflicts    int64  // 409s served to the first status patches
		deleteQueued string // a key deleted after it was queued, before the workers start
	}{
		"every object is written once, then never again": {},
		"a 409 on the first patch is retried":            {conflicts: 1},
		"an object deleted while queued is not written":  {deleteQueued: "team-b|doomed"},
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			env := newTestEnv(t, newObjs()...)
			var conflictsServed atomic.Int64
			env.server.client.PrependReactor("patch", "synctargets", func(action kcptesting.Action) (bool, runtime.Object, error) {
				patch, ok := action.(kcptesting.PatchAction)
				if !ok || action.GetSubresource() != "status" || conflictsServed.Add(1) > tc.conflicts {
					return false, nil, nil
				}
				return true, nil, apierrors.NewConflict(workloadv1alpha1.Resource("synctargets"), patch.GetName(), errBoom)
			})
			require.Eventually(t, func() bool { return env.c.queue.Len() == len(want) }, wait30s, tick,
				"every object is queued by its add event")

			alive := map[string]wantReady{}
			for key, w := range want {
				if key != tc.deleteQueued {
					alive[key] = w
				}
			}
			if tc.deleteQueued != "" {
				cluster, _, name, err := kcpcache.SplitMetaClusterNamespaceKey(tc.deleteQueued)
				require.NoError(t, err)
				require.NoError(t, env.server.client.Cluster(cluster.Path()).WorkloadV1alpha1().SyncTargets().
					Delete(env.ctx, name, metav1.DeleteOptions{}))
				require.Eventually(t, func() bool {
					_, err := env.lister(tc.deleteQueued)
					return apierrors.IsNotFound(err)
				}, wait30s, tick, "the informer delivers the delete")
				require.Equal(t, len(want), env.c.queue.Len(), "the deleted key is still queued, once")
			}

			stop := env.start(t)

			// Every object ends with its Ready condition, written by a patch that
			// the informer has delivered: the resourceVersion moved.
			require.Eventually(t, func() bool {
				for key, w := range alive {
					st, err := env.lister(key)
					if err != nil || st.ResourceVersion == "1" {
						return false
					}
					cond := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
					if cond == nil || cond.Status != w.status || cond.Reason != w.reason ||
						cond.ObservedGeneration != st.Generation || st.Status.LastSyncTime == nil {
						return false
					}
				}
				return true
			}, wait30s, tick, "every SyncTarget gets its Ready condition")
			if tc.deleteQueued != "" {
				require.Eventually(t, func() bool { return env.notFoundCount(tc.deleteQueued) > 0 }, wait30s, tick,
					"the deleted key is processed")
			}
			require.Eventually(t, func() bool { return env.c.queue.Len() == 0 }, wait30s, tick)

			// Exactly one successful write per object, one patch request more per
			// 409, nothing else written, and no write at all once settled.
			writes := int(tc.conflicts) + len(alive)
			env.requireNoNewStatusPatches(t, writes)
			byKey, total, otherWrites := env.server.statusPatches()
			require.Equal(t, writes, total)
			require.Zero(t, otherWrites)
			for key := range alive {
				require.GreaterOrEqual(t, byKey[key], 1, key)
			}
			wantWrites := map[string]int{}
			for key := range alive {
				wantWrites[key] = 1
			}
			require.Equal(t, wantWrites, env.server.successfulWrites())
			if tc.deleteQueued != "" {
				require.Zero(t, byKey[tc.deleteQueued])
				require.Zero(t, env.c.queue.NumRequeues(tc.deleteQueued), "a deleted object is no error")
			}

			// The counters agree with the server.
			readyWrites, notReadyWrites := env.c.StatusWritesByReady()
			require.Equal(t, int64(len(alive)-2), readyWrites)
			require.Equal(t, int64(2), notReadyWrites)
			require.Equal(t, tc.conflicts, env.c.Conflicts())
			gotReady, gotNotReady, err := env.c.ReadyCounts()
			require.NoError(t, err)
			require.Equal(t, len(alive)-2, gotReady)
			require.Equal(t, 2, gotNotReady)

			// The syncer's condition survives, byte for byte.
			st, err := env.lister("team-b|valid")
			require.NoError(t, err)
			seeded := withLTT(syncerReady)
			require.JSONEq(t, conditionJSON(t, &seeded), conditionJSON(t, meta.FindStatusCondition(st.Status.Conditions, "SyncerReady")))

			// Resyncs deliver every object again: no write.
			resyncs := env.resyncs.Load()
			env.requireQuietUntil(t, writes, func() bool { return env.resyncs.Load() >= resyncs+2*int64(len(alive)) })

			// A restart processes every key again: no write either.
			gets := env.gets.Load()
			for key := range alive {
				env.c.queue.Add(key)
			}
			require.Eventually(t, func() bool { return env.gets.Load() >= gets+int64(len(alive)) }, wait30s, tick)
			env.requireNoNewStatusPatches(t, writes)
			require.Equal(t, int64(len(alive)), env.c.StatusWrites())

			stop()
		})
	}
}

func TestNewControllerFailsOnStoppedInformer(t *testing.T) {
	t.Parallel()

	factory := kcpinformers.NewSharedInformerFactory(newFakeAPIServer().client, 0)
	informer := factory.Workload().V1alpha1().SyncTargets()
	informer.Informer()
	stopped := make(chan struct{})
	close(stopped)
	factory.Start(stopped)
	factory.Shutdown()
	require.True(t, informer.Informer().IsStopped())

	c, err := NewController(newFakeAPIServer().client, informer)
	require.Error(t, err)
	require.Nil(t, c)
}

// testEnv is a controller wired to the generated fake clientset and informers.
type testEnv struct {
	server  *fakeAPIServer
	factory kcpinformers.SharedInformerFactory
	c       *controller
	ctx     context.Context

	gets     atomic.Int64 // calls of getSyncTarget
	resyncs  atomic.Int64 // updates delivered with an unchanged resourceVersion
	mu       sync.Mutex
	notFound map[string]int // getSyncTarget NotFound results by key
}

func newTestEnv(t *testing.T, objs ...runtime.Object) *testEnv {
	t.Helper()

	env := &testEnv{server: newFakeAPIServer(objs...), notFound: map[string]int{}}
	// A short default resync: handlers get one resync per second, the minimum.
	env.factory = kcpinformers.NewSharedInformerFactory(env.server.client, 100*time.Millisecond)
	informer := env.factory.Workload().V1alpha1().SyncTargets()
	c, err := NewController(env.server.client, informer)
	require.NoError(t, err)
	env.c = c

	getSyncTarget := c.getSyncTarget
	c.getSyncTarget = func(cluster logicalcluster.Name, name string) (*workloadv1alpha1.SyncTarget, error) {
		env.gets.Add(1)
		st, err := getSyncTarget(cluster, name)
		if apierrors.IsNotFound(err) {
			env.mu.Lock()
			env.notFound[cluster.String()+"|"+name]++
			env.mu.Unlock()
		}
		return st, err
	}
	_, err = informer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		UpdateFunc: func(oldObj, newObj any) {
			if oldObj.(metav1.Object).GetResourceVersion() == newObj.(metav1.Object).GetResourceVersion() {
				env.resyncs.Add(1)
			}
		},
	})
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	env.ctx = ctx
	t.Cleanup(func() {
		cancel()
		env.factory.Shutdown()
	})
	env.factory.Start(ctx.Done())
	for typ, synced := range env.factory.WaitForCacheSync(ctx.Done()) {
		require.True(t, synced, "informer for %v did not sync", typ)
	}
	return env
}

// start runs the workers and returns a func that stops them and waits for
// Start to return.
func (env *testEnv) start(t *testing.T) (stop func()) {
	t.Helper()

	ctx, cancel := context.WithCancel(env.ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		env.c.Start(ctx, 2)
	}()
	stop = func() {
		cancel()
		require.Eventually(t, func() bool {
			select {
			case <-done:
				return true
			default:
				return false
			}
		}, wait30s, tick, "Start must return once its context is done")
	}
	t.Cleanup(cancel)
	return stop
}

func (env *testEnv) lister(key string) (*workloadv1alpha1.SyncTarget, error) {
	cluster, _, name, err := kcpcache.SplitMetaClusterNamespaceKey(key)
	if err != nil {
		return nil, err
	}
	return env.factory.Workload().V1alpha1().SyncTargets().Lister().Cluster(cluster).Get(name)
}

func (env *testEnv) notFoundCount(key string) int {
	env.mu.Lock()
	defer env.mu.Unlock()
	return env.notFound[key]
}

// requireNoNewStatusPatches polls for settleFor that no status patch is
// sent beyond the want already counted. A write would be sent within
// milliseconds of the event that triggers it, so a quiet window this long,
// checked every tick until its deadline, shows the controller has settled.
func (env *testEnv) requireNoNewStatusPatches(t *testing.T, want int) {
	t.Helper()

	require.Never(t, func() bool {
		_, total, _ := env.server.statusPatches()
		return total != want
	}, settleFor, tick, "no status patch may follow")
	_, total, _ := env.server.statusPatches()
	require.Equal(t, want, total)
}

// requireQuietUntil polls, every tick, that no status patch is sent beyond
// want until done returns true; it fails if done stays false for wait30s.
func (env *testEnv) requireQuietUntil(t *testing.T, want int, done func() bool) {
	t.Helper()

	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	deadline := time.Now().Add(wait30s)
	for !done() {
		_, total, _ := env.server.statusPatches()
		require.Equal(t, want, total, "no status patch may follow")
		require.True(t, time.Now().Before(deadline), "timed out")
		<-ticker.C
	}
	_, total, _ := env.server.statusPatches()
	require.Equal(t, want, total, "no status patch may follow")
}

// conditionJSON is the JSON of a condition, as stored by the server.
func conditionJSON(t *testing.T, cond *metav1.Condition) string {
	t.Helper()

	require.NotNil(t, cond)
	data, err := json.Marshal(cond)
	require.NoError(t, err)
	return string(data)
}
