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
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/workqueue"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// recordedPatch is one call of the fake patchStatus.
type recordedPatch struct {
	cluster logicalcluster.Name
	name    string
	patch   []byte
}

// fakes records what the controller asks of its dependencies.
type fakes struct {
	mu      sync.Mutex
	gets    []string
	patches []recordedPatch
}

func (f *fakes) recordGet(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.gets = append(f.gets, key)
}

// newTestController returns a controller whose getSyncTarget serves obj (or
// getErr) and whose patchStatus records the patch and returns patchErr.
func newTestController(f *fakes, obj *workloadv1alpha1.SyncTarget, getErr, patchErr error) *controller {
	return &controller{
		queue: workqueue.NewTypedRateLimitingQueueWithConfig(
			workqueue.DefaultTypedControllerRateLimiter[string](),
			workqueue.TypedRateLimitingQueueConfig[string]{Name: ControllerName},
		),
		getSyncTarget: func(cluster logicalcluster.Name, name string) (*workloadv1alpha1.SyncTarget, error) {
			f.recordGet(cluster.String() + "|" + name)
			if getErr != nil {
				return nil, getErr
			}
			return obj, nil
		},
		patchStatus: func(_ context.Context, cluster logicalcluster.Name, name string, patch []byte) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.patches = append(f.patches, recordedPatch{cluster: cluster, name: name, patch: patch})
			return patchErr
		},
		now: func() time.Time { return testNow },
	}
}

var errBoom = errors.New("boom")

func isBoom(err error) bool { return errors.Is(err, errBoom) }

func TestProcess(t *testing.T) {
	t.Parallel()

	gr := workloadv1alpha1.Resource("synctargets")
	reconciled := newSyncTarget("team-a", "st", "root:org:team", withCondition(syncerReady),
		withReady(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 1))

	tests := map[string]struct {
		key           string
		obj           *workloadv1alpha1.SyncTarget
		getErr        error
		patchErr      error
		wantGets      []string
		wantPatch     bool
		wantErr       func(error) bool
		wantConflicts int64
		wantReady     int64
		wantNotReady  int64
	}{
		"unchanged status sends nothing": {
			key: "team-a|st", obj: reconciled, wantGets: []string{"team-a|st"},
		},
		"new valid target is patched once": {
			key: "team-a|st", obj: newSyncTarget("team-a", "st", "root:org:team", withCondition(syncerReady)),
			wantGets: []string{"team-a|st"}, wantPatch: true, wantReady: 1,
		},
		"new invalid target is patched once": {
			key: "team-b|st", obj: newSyncTarget("team-b", "st", "Root"),
			wantGets: []string{"team-b|st"}, wantPatch: true, wantNotReady: 1,
		},
		"conflict is counted and returned": {
			key: "team-a|st", obj: newSyncTarget("team-a", "st", "root:org:team"),
			patchErr: apierrors.NewConflict(gr, "st", errBoom),
			wantGets: []string{"team-a|st"}, wantPatch: true, wantErr: apierrors.IsConflict, wantConflicts: 1,
		},
		"other patch error is returned": {
			key: "team-a|st", obj: newSyncTarget("team-a", "st", "root:org:team"), patchErr: errBoom,
			wantGets: []string{"team-a|st"}, wantPatch: true, wantErr: isBoom,
		},
		"deleted before processing": {
			key: "team-a|st", getErr: apierrors.NewNotFound(gr, "st"), wantGets: []string{"team-a|st"},
		},
		"lister error is returned": {
			key: "team-a|st", getErr: errBoom, wantGets: []string{"team-a|st"}, wantErr: isBoom,
		},
		"malformed key with too many parts": {key: "a|b|c"},
		"malformed key with a bad name":     {key: "a|b/c/d"},
		"key without a cluster":             {key: "st"},
		"key without a name":                {key: "team-a|"},
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			f := &fakes{}
			c := newTestController(f, tc.obj, tc.getErr, tc.patchErr)
			var cached *workloadv1alpha1.SyncTarget
			if tc.obj != nil {
				cached = tc.obj.DeepCopy()
			}

			err := c.process(context.Background(), tc.key)

			if tc.wantErr != nil {
				require.Error(t, err)
				require.True(t, tc.wantErr(err), "unexpected error: %v", err)
			} else {
				require.NoError(t, err)
			}
			require.Equal(t, tc.wantGets, f.gets)
			require.Equal(t, cached, tc.obj, "the cached object must not be mutated")
			require.Equal(t, tc.wantConflicts, c.Conflicts())
			ready, notReady := c.StatusWritesByReady()
			require.Equal(t, tc.wantReady, ready)
			require.Equal(t, tc.wantNotReady, notReady)
			require.Equal(t, tc.wantReady+tc.wantNotReady, c.StatusWrites())
			if !tc.wantPatch {
				require.Empty(t, f.patches)
				return
			}
			require.Len(t, f.patches, 1)
			requireStatusPatch(t, f.patches[0], tc.obj)
		})
	}
}

// requireStatusPatch checks that p patches the status of old, with its
// resourceVersion and uid as preconditions, and nothing else.
func requireStatusPatch(t *testing.T, p recordedPatch, old *workloadv1alpha1.SyncTarget) {
	t.Helper()

	require.Equal(t, logicalcluster.From(old), p.cluster)
	require.Equal(t, old.Name, p.name)

	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(p.patch, &fields))
	require.Len(t, fields, 2, "only metadata and status: %s", p.patch)

	var metadata map[string]string
	require.NoError(t, json.Unmarshal(fields["metadata"], &metadata))
	require.Equal(t, map[string]string{"resourceVersion": old.ResourceVersion, "uid": string(old.UID)}, metadata)

	var status workloadv1alpha1.SyncTargetStatus
	require.NoError(t, json.Unmarshal(fields["status"], &status))
	want := old.DeepCopy()
	(&controller{now: func() time.Time { return testNow }}).reconcile(context.Background(), want)
	require.Equal(t, metav1.NewTime(testNow).UTC(), status.LastSyncTime.UTC())
	require.Len(t, status.Conditions, len(want.Status.Conditions))
	for i := range want.Status.Conditions {
		require.Equal(t, want.Status.Conditions[i].LastTransitionTime.UTC(), status.Conditions[i].LastTransitionTime.UTC())
		status.Conditions[i].LastTransitionTime = want.Status.Conditions[i].LastTransitionTime
	}
	require.Equal(t, want.Status.Conditions, status.Conditions)
	require.NotNil(t, meta.FindStatusCondition(status.Conditions, workloadv1alpha1.ReadyCondition))
}

func TestProcessNextWorkItem(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		key          string
		getErr       error
		wantRequeues int
	}{
		"success is forgotten":            {key: "team-a|st"},
		"error is requeued rate limited":  {key: "team-a|st", getErr: errBoom, wantRequeues: 1},
		"malformed key is never requeued": {key: "a|b|c|d"},
		"not found is never requeued":     {key: "team-a|st", getErr: apierrors.NewNotFound(workloadv1alpha1.Resource("synctargets"), "st")},
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			f := &fakes{}
			c := newTestController(f, newSyncTarget("team-a", "st", "root:org:team"), tc.getErr, nil)
			c.queue.Add(tc.key)

			require.True(t, c.processNextWorkItem(context.Background()))
			require.Equal(t, tc.wantRequeues, c.queue.NumRequeues(tc.key))
			if tc.wantRequeues == 0 {
				require.Zero(t, c.queue.Len())
			} else {
				require.Eventually(t, func() bool { return c.queue.Len() == 1 }, 30*time.Second, 100*time.Millisecond,
					"the rate limited key comes back")
			}

			c.queue.ShutDown()
			for c.queue.Len() > 0 {
				require.True(t, c.processNextWorkItem(context.Background()))
			}
			require.False(t, c.processNextWorkItem(context.Background()), "a shut down queue stops the worker")
		})
	}
}
