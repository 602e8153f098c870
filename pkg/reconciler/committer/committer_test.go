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

package committer

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"
)

type spec struct {
	Replicas int `json:"replicas"`
}

type status struct {
	Phase string   `json:"phase,omitempty"`
	Notes []string `json:"notes,omitempty"`
}

// thing stands for the generated type a real patcher returns.
type thing struct {
	metav1.TypeMeta
}

func (t *thing) DeepCopyObject() runtime.Object { return &thing{TypeMeta: t.TypeMeta} }

// patch is one Patch call the fake patcher saw.
type patch struct {
	cluster      logicalcluster.Path
	name         string
	pt           types.PatchType
	data         string
	subresources []string
}

type fakePatcher struct {
	cluster logicalcluster.Path
	calls   *[]patch
	err     error
}

func (f fakePatcher) Cluster(cluster logicalcluster.Path) fakePatcher {
	f.cluster = cluster
	return f
}

func (f fakePatcher) Patch(_ context.Context, name string, pt types.PatchType, data []byte, _ metav1.PatchOptions, subresources ...string) (*thing, error) {
	*f.calls = append(*f.calls, patch{cluster: f.cluster, name: name, pt: pt, data: string(data), subresources: subresources})
	return &thing{}, f.err
}

func resource(replicas int, phase string, notes ...string) *Resource[*spec, *status] {
	return &Resource[*spec, *status]{
		ObjectMeta: metav1.ObjectMeta{
			Name: "obj", UID: "uid-1", ResourceVersion: "7",
			Annotations: map[string]string{logicalcluster.AnnotationKey: "team-a"},
		},
		Spec:   &spec{Replicas: replicas},
		Status: &status{Phase: phase, Notes: notes},
	}
}

func TestCommitter(t *testing.T) {
	t.Parallel()

	conflict := apierrors.NewConflict(schema.GroupResource{Resource: "things"}, "obj", errors.New("modified"))
	tests := map[string]struct {
		old, new  *Resource[*spec, *status]
		patchErr  error
		wantCalls []patch
		wantErr   string
	}{
		"nothing changed: no request": {old: resource(1, "Ready"), new: resource(1, "Ready")},
		"a status change is one merge patch of the status, with preconditions": {
			old: resource(1, "Pending", "a"), new: resource(1, "Ready", "a", "b"),
			wantCalls: []patch{{cluster: logicalcluster.NewPath("team-a"), name: "obj", pt: types.MergePatchType,
				data: `{"metadata":{"resourceVersion":"7","uid":"uid-1"},"status":{"notes":["a","b"],"phase":"Ready"}}`, subresources: []string{"status"}}},
		},
		"a spec change patches the object": {
			old: resource(1, "Ready"), new: resource(3, "Ready"),
			wantCalls: []patch{{cluster: logicalcluster.NewPath("team-a"), name: "obj", pt: types.MergePatchType,
				data: `{"metadata":{"resourceVersion":"7","uid":"uid-1"},"spec":{"replicas":3}}`}},
		},
		"status and spec together are refused": {
			old: resource(1, "Pending"), new: resource(2, "Ready"), wantErr: "status changed together with metadata or spec",
		},
		"a refused patch is returned, wrapped": {
			old: resource(1, "Pending"), new: resource(1, "Ready"), patchErr: conflict,
			wantCalls: []patch{{cluster: logicalcluster.NewPath("team-a"), name: "obj", pt: types.MergePatchType,
				data: `{"metadata":{"resourceVersion":"7","uid":"uid-1"},"status":{"phase":"Ready"}}`, subresources: []string{"status"}}},
			wantErr: "failed to patch *committer.thing team-a|obj: Operation cannot be fulfilled on things \"obj\": modified",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var calls []patch
			commit := NewCommitter[*thing, fakePatcher, *spec, *status](fakePatcher{calls: &calls, err: tc.patchErr})
			err := commit(t.Context(), tc.old, tc.new)

			require.Equal(t, tc.wantCalls, calls)
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
			if tc.patchErr != nil {
				require.True(t, apierrors.IsConflict(err), "the API error stays visible through the wrapping")
			}
		})
	}
}
