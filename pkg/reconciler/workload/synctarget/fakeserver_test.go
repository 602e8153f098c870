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
	"encoding/json"
	"errors"
	"maps"
	"strconv"
	"sync"
	"sync/atomic"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"

	kcpfakeclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
)

// fakeAPIServer makes the fake clientset serve merge patches of the status
// subresource as kcp does: it checks the resourceVersion and uid
// preconditions (409 when stale), writes only the status and bumps the
// resourceVersion, so informers see each write. The stock tracker does none
// of that. beforePatch, if set, runs first: a competing writer's hook.
type fakeAPIServer struct {
	client      *kcpfakeclientset.ClusterClientset
	version     atomic.Int64
	beforePatch func(key string)

	mu        sync.Mutex
	writes    map[string]int // successful status writes by "cluster|name"
	conflicts int            // status writes refused for a stale resourceVersion or uid
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
		return true, nil, apierrors.NewBadRequest("the controller sends only merge patches of the status")
	}
	key := action.GetCluster().String() + "|" + patch.GetName()
	if s.beforePatch != nil {
		s.beforePatch(key)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	current, err := s.get(action.GetCluster(), patch.GetName())
	if err != nil {
		return true, nil, err
	}
	currentJSON, err := json.Marshal(current)
	if err != nil {
		return true, nil, err
	}
	patchedJSON, err := jsonpatch.MergePatch(currentJSON, patch.GetPatch())
	if err != nil {
		return true, nil, apierrors.NewBadRequest(err.Error())
	}
	var patched SyncTarget
	if err := json.Unmarshal(patchedJSON, &patched); err != nil {
		return true, nil, apierrors.NewBadRequest(err.Error())
	}
	if patched.ResourceVersion != current.ResourceVersion || patched.UID != current.UID {
		s.conflicts++
		return true, nil, apierrors.NewConflict(syncTargetsGVR.GroupResource(), current.Name, errors.New("the object has been modified"))
	}
	updated := current.DeepCopy()
	updated.Status = patched.Status
	if err := s.update(action.GetCluster(), updated); err != nil {
		return true, nil, err
	}
	s.writes[key]++
	return true, updated, nil
}

// get reads the object from the tracker; callers hold s.mu.
func (s *fakeAPIServer) get(cluster logicalcluster.Path, name string) (*SyncTarget, error) {
	obj, err := s.client.Tracker().Cluster(cluster).Get(syncTargetsGVR, "", name)
	if err != nil {
		return nil, err
	}
	st, ok := obj.(*SyncTarget)
	if !ok {
		return nil, errors.New("not a SyncTarget")
	}
	return st, nil
}

// update stores obj with a new resourceVersion; callers hold s.mu.
func (s *fakeAPIServer) update(cluster logicalcluster.Path, obj *SyncTarget) error {
	obj.ResourceVersion = strconv.FormatInt(s.version.Add(1), 10)
	return s.client.Tracker().Cluster(cluster).Update(syncTargetsGVR, obj, "")
}

// successfulWrites returns a copy of the status writes by key, and the conflicts.
func (s *fakeAPIServer) successfulWrites() (map[string]int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.writes), s.conflicts
}
