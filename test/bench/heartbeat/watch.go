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

package main

import (
	"context"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
	watchtools "k8s.io/client-go/tools/watch"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// state is what the watcher saw of one SyncTarget since the last mark.
type state struct {
	status      metav1.ConditionStatus
	reason, rv  string
	writes      int       // resourceVersion changes
	transitions int       // changes of Ready's status
	unknownAt   time.Time // when it was first seen Unknown; zero if not
}

// watcher watches the SyncTargets of some workspaces, each from a list,
// and times what it sees by its own clock.
type watcher struct {
	mu   sync.Mutex
	objs map[target]*state
}

func startWatcher(ctx context.Context, client workloadclientset.ClusterInterface, wss []logicalcluster.Path) (*watcher, error) {
	w := &watcher{objs: map[target]*state{}}
	for _, ws := range wss {
		syncTargets := client.Cluster(ws).WorkloadV1alpha1().SyncTargets()
		list, err := syncTargets.List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, err
		}
		for i := range list.Items {
			w.observe(ws, &list.Items[i])
		}
		rw, err := watchtools.NewRetryWatcherWithContext(ctx, list.ResourceVersion, &cache.ListWatch{
			WatchFuncWithContext: func(ctx context.Context, o metav1.ListOptions) (watch.Interface, error) {
				return syncTargets.Watch(ctx, o)
			}})
		if err != nil {
			return nil, err
		}
		go func() {
			defer rw.Stop()
			for ev := range rw.ResultChan() {
				if st, ok := ev.Object.(*workloadv1alpha1.SyncTarget); ok && ev.Type != watch.Deleted {
					w.observe(ws, st)
				}
			}
		}()
	}
	return w, nil
}

func (w *watcher) observe(ws logicalcluster.Path, st *workloadv1alpha1.SyncTarget) {
	var status metav1.ConditionStatus
	var reason string
	if c := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition); c != nil {
		status, reason = c.Status, c.Reason
	}
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	s, ok := w.objs[target{ws: ws, name: st.Name}]
	if !ok {
		w.objs[target{ws: ws, name: st.Name}] = &state{status: status, reason: reason, rv: st.ResourceVersion}
		return
	}
	if s.rv != st.ResourceVersion {
		s.writes++
	}
	if s.status != status {
		s.transitions++
	}
	if status == metav1.ConditionUnknown && s.unknownAt.IsZero() {
		s.unknownAt = now
	}
	s.status, s.reason, s.rv = status, reason, st.ResourceVersion
}

// mark starts counting anew and returns how many objects are Ready=True.
func (w *watcher) mark() (ready int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, s := range w.objs {
		s.writes, s.transitions, s.unknownAt = 0, 0, time.Time{}
		if s.status == metav1.ConditionTrue {
			ready++
		}
	}
	return ready
}

// snapshot copies the states.
func (w *watcher) snapshot() map[target]state {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[target]state, len(w.objs))
	for t, s := range w.objs {
		out[t] = *s
	}
	return out
}
