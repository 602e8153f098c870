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
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	jsonpatch "gopkg.in/evanphx/json-patch.v4"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpfakeclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
)

// fakeAPIServer makes the fake clientset treat merge patches of the status
// subresource as kcp does. The stock object tracker applies such a patch to
// the whole object, never checks the resourceVersion and uid preconditions and
// never changes metadata.resourceVersion, so informers would see no new
// version and a stale write would never get its 409.
type fakeAPIServer struct {
	client  *kcpfakeclientset.ClusterClientset
	version atomic.Int64

	mu     sync.Mutex
	writes map[string]int // successful status writes by "cluster|name"
}

func newFakeAPIServer(objs ...runtime.Object) *fakeAPIServer {
	s := &fakeAPIServer{client: kcpfakeclientset.NewClientset(objs...), writes: map[string]int{}}
	s.version.Store(1000)
	s.client.PrependReactor("patch", "synctargets", s.patchStatus)
	return s
}

func (s *fakeAPIServer) patchStatus(action kcptesting.Action) (bool, runtime.Object, error) {
	patch, ok := action.(kcptesting.PatchAction)
	if !ok || action.GetSubresource() != "status" || patch.GetPatchType() != types.MergePatchType {
		return false, nil, nil
	}
	tracker := s.client.Tracker().Cluster(action.GetCluster())
	gvr := action.GetResource()
	obj, err := tracker.Get(gvr, "", patch.GetName())
	if err != nil {
		return true, nil, err
	}
	current, ok := obj.(*workloadv1alpha1.SyncTarget)
	if !ok {
		return true, nil, errors.New("not a SyncTarget")
	}

	currentJSON, err := json.Marshal(current)
	if err != nil {
		return true, nil, err
	}
	patchedJSON, err := jsonpatch.MergePatch(currentJSON, patch.GetPatch())
	if err != nil {
		return true, nil, apierrors.NewBadRequest(err.Error())
	}
	var patched workloadv1alpha1.SyncTarget
	if err := json.Unmarshal(patchedJSON, &patched); err != nil {
		return true, nil, apierrors.NewBadRequest(err.Error())
	}
	if patched.ResourceVersion != current.ResourceVersion || patched.UID != current.UID {
		return true, nil, apierrors.NewConflict(gvr.GroupResource(), current.Name, errors.New("the object has been modified"))
	}

	// The status subresource ignores everything but the status.
	updated := current.DeepCopy()
	updated.Status = patched.Status
	updated.ResourceVersion = strconv.FormatInt(s.version.Add(1), 10)
	if err := tracker.Update(gvr, updated, ""); err != nil {
		return true, nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes[action.GetCluster().String()+"|"+current.Name]++
	return true, updated, nil
}

// successfulWrites returns a copy of the status writes by key.
func (s *fakeAPIServer) successfulWrites() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	writes := make(map[string]int, len(s.writes))
	for key, n := range s.writes {
		writes[key] = n
	}
	return writes
}

// statusPatches counts the patch requests to the status subresource by key,
// whatever their outcome, and the requests that write anything else.
func (s *fakeAPIServer) statusPatches() (byKey map[string]int, total, otherWrites int) {
	byKey = map[string]int{}
	for _, action := range s.client.Actions() {
		switch {
		case action.GetVerb() == "patch" && action.GetSubresource() == "status":
			patch, ok := action.(kcptesting.PatchAction)
			if !ok {
				otherWrites++
				continue
			}
			byKey[action.GetCluster().String()+"|"+patch.GetName()]++
			total++
		case action.GetVerb() == "patch", action.GetVerb() == "update", action.GetVerb() == "create":
			otherWrites++
		}
	}
	return byKey, total, otherWrites
}

func TestFakeAPIServerStatusPatch(t *testing.T) {
	t.Parallel()

	st := newSyncTarget("team-a", "st", "root:org:team", withCondition(syncerReady))
	readyStatus := workloadv1alpha1.SyncTargetStatus{
		Conditions: []metav1.Condition{withLTT(metav1.Condition{
			Type: workloadv1alpha1.ReadyCondition, Status: metav1.ConditionTrue, Reason: workloadv1alpha1.SyncTargetReadyReason,
		})},
		LastSyncTime: &testEarlier,
	}

	tests := map[string]struct {
		metadata     statusPatchMetadata
		spec         string
		wantConflict bool
	}{
		"matching preconditions write the status only": {metadata: statusPatchMetadata{ResourceVersion: "1", UID: st.UID}, spec: "root:changed"},
		"stale resourceVersion is a conflict":          {metadata: statusPatchMetadata{ResourceVersion: "0", UID: st.UID}, wantConflict: true},
		"other uid is a conflict":                      {metadata: statusPatchMetadata{ResourceVersion: "1", UID: "other"}, wantConflict: true},
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			s := newFakeAPIServer(st.DeepCopy())
			patch, err := json.Marshal(map[string]any{
				"metadata": tc.metadata,
				"spec":     map[string]string{"kcpCluster": tc.spec},
				"status":   readyStatus,
			})
			require.NoError(t, err)
			client := s.client.Cluster(logicalcluster.NewPath("team-a")).WorkloadV1alpha1().SyncTargets()

			_, err = client.Patch(context.Background(), "st", types.MergePatchType, patch, metav1.PatchOptions{}, "status")

			got, getErr := client.Get(context.Background(), "st", metav1.GetOptions{})
			require.NoError(t, getErr)
			if tc.wantConflict {
				require.True(t, apierrors.IsConflict(err), "want a conflict, got %v", err)
				require.Equal(t, st, got)
				require.Empty(t, s.successfulWrites())
				return
			}
			require.NoError(t, err)
			require.Equal(t, st.Spec, got.Spec, "the spec is not writable through the status subresource")
			require.Equal(t, "1001", got.ResourceVersion)
			require.Equal(t, testEarlier.UTC(), got.Status.LastSyncTime.UTC())
			require.Len(t, got.Status.Conditions, 1, "a merge patch replaces lists")
			require.Equal(t, workloadv1alpha1.ReadyCondition, got.Status.Conditions[0].Type)
			require.Equal(t, map[string]int{"team-a|st": 1}, s.successfulWrites())
		})
	}
}
