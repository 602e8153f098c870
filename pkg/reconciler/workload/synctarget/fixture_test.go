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
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"
	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpfakeclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

var syncTargetsGVR = workloadv1alpha1.SchemeGroupVersion.WithResource("synctargets")

// fixture drives the controller the way sample-controller's tests do: the
// objects sit in the generated fake clientset and, without any informer
// running, in the informer's indexer; a test calls process synchronously and
// compares the client's actions with the ones it expects.
type fixture struct {
	t      *testing.T
	client *kcpfakeclientset.ClusterClientset
	c      *controller
}

func newFixture(t *testing.T, objs ...*SyncTarget) *fixture {
	t.Helper()
	runtimeObjs := make([]runtime.Object, 0, len(objs))
	for _, obj := range objs {
		runtimeObjs = append(runtimeObjs, obj.DeepCopy())
	}
	client := kcpfakeclientset.NewSimpleClientset(runtimeObjs...)
	informer := kcpinformers.NewSharedInformerFactory(client, 0).Workload().V1alpha1().SyncTargets()
	c, err := NewController(client, informer)
	require.NoError(t, err)
	c.now = func() time.Time { return testNow }
	for _, obj := range objs {
		require.NoError(t, informer.Informer().GetIndexer().Add(obj.DeepCopy()))
	}
	return &fixture{t: t, client: client, c: c}
}

// process runs one sync of the object's key and returns its error.
func (f *fixture) process(obj *SyncTarget) error {
	f.t.Helper()
	key, err := kcpcache.MetaClusterNamespaceKeyFunc(obj)
	require.NoError(f.t, err)
	return f.c.process(f.t.Context(), key)
}

// writes returns the client's actions other than reads.
func (f *fixture) writes() []kcptesting.Action {
	var writes []kcptesting.Action
	for _, action := range f.client.Actions() {
		if verb := action.GetVerb(); verb != "get" && verb != "list" && verb != "watch" {
			writes = append(writes, action)
		}
	}
	return writes
}

// statusPatch is the action the controller sends for obj: a JSON merge patch
// of its status subresource in obj's logical cluster. (The generated fake
// drops PatchOptions; TestStatusPatcher checks the field manager.)
func statusPatch(obj *SyncTarget, patch string) kcptesting.Action {
	return kcptesting.NewRootPatchSubresourceAction(syncTargetsGVR, logicalcluster.From(obj).Path(),
		obj.Name, types.MergePatchType, []byte(patch), "status")
}

// requireWrites checks the writes sent, in order, patch bodies compared as JSON.
func (f *fixture) requireWrites(want ...kcptesting.Action) {
	f.t.Helper()
	got := f.writes()
	require.Len(f.t, got, len(want), "writes: %v", got)
	for i := range want {
		wantPatch, wantOK := want[i].(kcptesting.PatchActionImpl)
		gotPatch, gotOK := got[i].(kcptesting.PatchActionImpl)
		require.True(f.t, wantOK && gotOK, "write %d: want a patch, got %T", i, got[i])
		require.JSONEq(f.t, string(wantPatch.Patch), string(gotPatch.Patch), "write %d: patch body", i)
		wantPatch.Patch, gotPatch.Patch = nil, nil
		require.Equal(f.t, wantPatch, gotPatch, "write %d", i)
	}
}
