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
	"cmp"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpfakeclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// TestProcessNextWorkItem handles one key with NewController's controller on a fake clientset.
func TestProcessNextWorkItem(t *testing.T) {
	t.Parallel()

	const now, preconds = `"2026-03-04T05:06:07Z"`, `"metadata":{"resourceVersion":"1","uid":"uid-st"}`
	gr := workloadv1alpha1.Resource("synctargets")
	newST := newSyncTarget("team-a", "st", "root:org:team")
	tests := map[string]struct {
		cached      *SyncTarget // nil: deleted before it was handled
		key         string      // default: "team-a|st"
		patchErr    error
		wantPatch   string // "" for no request, "any" for any
		wantRequeue bool
	}{
		"a new SyncTarget becomes Ready in one status patch": {cached: newST,
			wantPatch: `{` + preconds + `,"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":1,"lastTransitionTime":` +
				now + `,"reason":"SyncTargetReady","message":"The SyncTarget spec is valid."}],"lastSyncTime":` + now + `}}`},
		"an invalid SyncTarget gets Ready=False in one status patch": {cached: newSyncTarget("team-a", "st", "Root"),
			wantPatch: `{` + preconds + `,"status":{"conditions":[{"type":"Ready","status":"False","observedGeneration":1,"lastTransitionTime":` + now +
				`,"reason":"InvalidKCPCluster","message":"spec.kcpCluster: Invalid value: \"Root\": must be a logical cluster path such as \"root:org:team\""}],` +
				`"lastSyncTime":` + now + `}}`},
		"a Ready SyncTarget costs no request":                         {cached: newSyncTarget("team-a", "st", "root", withCondition(syncerReady), withReady())},
		"a SyncTarget deleted before it was handled costs no request": {},
		"a malformed key is dropped":                                  {key: "team-a|st|extra"},
		"a conflict is retried": {cached: newST, wantPatch: "any", wantRequeue: true,
			patchErr: apierrors.NewConflict(gr, "st", errors.New("the object has been modified"))},
		"a SyncTarget deleted while reconciled is dropped": {cached: newST, wantPatch: "any", patchErr: apierrors.NewNotFound(gr, "st")},
		"other errors are retried": {cached: newST, wantPatch: "any", wantRequeue: true,
			patchErr: apierrors.NewInternalError(errors.New("etcd is away"))},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := kcpfakeclientset.NewClientset()
			informer := kcpinformers.NewSharedInformerFactory(client, 0).Workload().V1alpha1().SyncTargets()
			c, err := NewController(client, informer)
			require.NoError(t, err)
			t.Cleanup(c.queue.ShutDown)
			c.now = func() time.Time { return testNow }
			key := cmp.Or(tc.key, "team-a|st")
			if tc.cached != nil {
				require.NoError(t, client.Tracker().Cluster(logicalcluster.From(tc.cached).Path()).Add(tc.cached.DeepCopy()))
				require.NoError(t, informer.Informer().GetIndexer().Add(tc.cached.DeepCopy()))
			}
			if tc.patchErr != nil {
				client.PrependReactor("patch", "synctargets", func(kcptesting.Action) (bool, runtime.Object, error) { return true, nil, tc.patchErr })
			}

			c.queue.Add(key)
			require.True(t, c.processNextWorkItem(t.Context()))
			require.Equal(t, tc.wantRequeue, c.queue.NumRequeues(key) == 1, "requeued")

			actions := client.Actions() // the lister reads the cache: every action is a request
			if tc.wantPatch == "" {
				require.Empty(t, actions)
				return
			}
			require.Len(t, actions, 1)
			patch, ok := actions[0].(kcptesting.PatchActionImpl)
			require.True(t, ok, "want a patch, got %v", actions[0])
			require.Equal(t, []any{logicalcluster.NewPath("team-a"), "st", types.MergePatchType, "status"},
				[]any{patch.GetCluster(), patch.GetName(), patch.GetPatchType(), patch.GetSubresource()})
			if tc.wantPatch != "any" {
				require.JSONEq(t, tc.wantPatch, string(patch.GetPatch()))
			}
		})
	}
}
