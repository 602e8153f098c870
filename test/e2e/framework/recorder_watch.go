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

package framework

import (
	"context"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// retryInterval is how long the recorder waits before watching again.
const retryInterval = 200 * time.Millisecond

func (r *Recorder) run(ctx context.Context) {
	for ctx.Err() == nil {
		err := r.watchOnce(ctx)
		if apierrors.IsResourceExpired(err) || apierrors.IsGone(err) {
			err = r.relist(ctx)
		}
		if err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(retryInterval):
			}
		}
	}
}

// watchOnce watches from the last resourceVersion until the watch ends.
func (r *Recorder) watchOnce(ctx context.Context) error {
	r.mu.Lock()
	rv := r.rv
	r.mu.Unlock()
	w, err := r.client.WorkloadV1alpha1().SyncTargets().Watch(ctx, metav1.ListOptions{ResourceVersion: rv, AllowWatchBookmarks: true})
	if err != nil {
		return err
	}
	defer w.Stop()
	for ev := range w.ResultChan() {
		if ev.Type == watch.Error {
			return apierrors.FromObject(ev.Object)
		}
		st, ok := ev.Object.(*workloadv1alpha1.SyncTarget)
		if !ok {
			continue
		}
		r.mu.Lock()
		if ev.Type != watch.Bookmark {
			r.observe(st, ev.Type == watch.Deleted, time.Now())
		}
		r.rv = st.ResourceVersion
		r.mu.Unlock()
	}
	return nil
}

// relist replaces the watch after kcp could not resume it.
func (r *Recorder) relist(ctx context.Context) error {
	list, err := r.client.WorkloadV1alpha1().SyncTargets().List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	present := make(map[ObjectKey]bool, len(list.Items))
	for i := range list.Items {
		st := &list.Items[i]
		present[ObjectKey{logicalcluster.From(st), st.Name}] = true
		r.observe(st, false, now)
	}
	for key, rec := range r.objects {
		if !present[key] {
			rec.Deleted = true
		}
	}
	r.rv = list.ResourceVersion
	r.relists++
	return nil
}

// observe records st as seen at now; the caller holds r.mu.
func (r *Recorder) observe(st *workloadv1alpha1.SyncTarget, deleted bool, now time.Time) {
	key := ObjectKey{logicalcluster.From(st), st.Name}
	rec := r.objects[key]
	switch {
	case rec == nil:
		rec = &ObjectRecord{Seen: now}
		r.objects[key] = rec
	case deleted:
		rec.Deleted = true
		return
	case rec.ResourceVersion != st.ResourceVersion:
		rec.Writes++
		if rec.Ready {
			rec.ReadyWrites++
		}
	}
	rec.ResourceVersion, rec.Generation, rec.Deleted = st.ResourceVersion, st.Generation, deleted
	rec.Ready = meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
	if rec.Ready && rec.FirstReady.IsZero() {
		rec.FirstReady = now
	}
}
