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
	"testing"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

func TestEventHandlers(t *testing.T) {
	t.Parallel()

	st := newSyncTarget("team-a", "st", "root:org:team")
	changed := st.DeepCopy()
	changed.ResourceVersion = "2"

	tests := map[string]struct {
		event    func(c *controller)
		wantKeys []string
	}{
		"add enqueues": {
			event:    func(c *controller) { c.enqueue(st) },
			wantKeys: []string{"team-a|st"},
		},
		"update with a new resourceVersion enqueues": {
			event:    func(c *controller) { c.updated(st, changed) },
			wantKeys: []string{"team-a|st"},
		},
		"resync is dropped": {
			event: func(c *controller) { c.updated(st, st.DeepCopy()) },
		},
		"delete enqueues": {
			event:    func(c *controller) { c.deleted(st) },
			wantKeys: []string{"team-a|st"},
		},
		"delete tombstone is unwrapped": {
			event:    func(c *controller) { c.deleted(cache.DeletedFinalStateUnknown{Key: "ignored", Obj: st}) },
			wantKeys: []string{"team-a|st"},
		},
		"tombstone without object is reported, not enqueued": {
			event: func(c *controller) { c.deleted(cache.DeletedFinalStateUnknown{Key: "team-a|st"}) },
		},
		"not an object is reported, not enqueued": {
			event: func(c *controller) { c.enqueue("team-a|st") },
		},
		"objects in two clusters get two keys": {
			event: func(c *controller) {
				c.enqueue(st)
				c.enqueue(newSyncTarget("team-b", "st", "root:org:team"))
				c.enqueue(st)
			},
			wantKeys: []string{"team-a|st", "team-b|st"},
		},
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			c := newTestController(&fakes{}, nil, nil, nil)
			tc.event(c)

			var keys []string
			for c.queue.Len() > 0 {
				key, _ := c.queue.Get()
				keys = append(keys, key)
				c.queue.Done(key)
			}
			require.Equal(t, tc.wantKeys, keys)
		})
	}
}

func TestReadyCounts(t *testing.T) {
	t.Parallel()

	ready := newSyncTarget("team-a", "ready", "root:a",
		withReady(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 1))
	notReady := newSyncTarget("team-a", "not-ready", "Root",
		withReady(metav1.ConditionFalse, workloadv1alpha1.InvalidKCPClusterReason, "bad", 1))
	unknown := newSyncTarget("team-b", "unknown", "root:b",
		withReady(metav1.ConditionUnknown, "Unknown", "not yet", 1))
	fresh := newSyncTarget("team-b", "fresh", "root:b", withCondition(syncerReady))

	tests := map[string]struct {
		objs         []*workloadv1alpha1.SyncTarget
		listErr      error
		wantReady    int
		wantNotReady int
		wantErr      bool
	}{
		"empty": {},
		"mixed, without a condition is not ready": {objs: []*workloadv1alpha1.SyncTarget{ready, notReady, unknown, fresh, ready}, wantReady: 2, wantNotReady: 3},
		"list error": {listErr: errBoom, wantErr: true},
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			c := &controller{listSyncTargets: func() ([]*workloadv1alpha1.SyncTarget, error) { return tc.objs, tc.listErr }}
			gotReady, gotNotReady, err := c.ReadyCounts()
			if tc.wantErr {
				require.ErrorIs(t, err, errBoom)
			} else {
				require.NoError(t, err)
			}
			require.Equal(t, tc.wantReady, gotReady)
			require.Equal(t, tc.wantNotReady, gotNotReady)
		})
	}
}
