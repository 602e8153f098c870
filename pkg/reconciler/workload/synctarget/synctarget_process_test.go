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
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

const (
	nowJSON     = `"2026-03-04T05:06:07Z"`
	earlierJSON = `"2026-03-04T04:06:07Z"`
	preconds    = `"metadata":{"resourceVersion":"1","uid":"uid-st"}`
	readyTrue   = `{"type":"Ready","status":"True","reason":"SyncTargetReady","message":"The SyncTarget spec is valid.",`
	syncerJSON  = `{"type":"SyncerReady","status":"Unknown","reason":"Heartbeat","message":"owned by a syncer","observedGeneration":7,"lastTransitionTime":` + earlierJSON + `}`
)

// failPatches makes the fake answer every status patch with err.
func failPatches(err error) kcptesting.ReactionFunc {
	return func(kcptesting.Action) (bool, runtime.Object, error) { return true, nil, err }
}

func TestProcess(t *testing.T) {
	t.Parallel()

	newST := newSyncTarget("team-a", "st", "root:org:team")
	tests := map[string]struct {
		obj        *SyncTarget
		cached     bool // in the informer's indexer; false: deleted before handled
		key        string
		react      kcptesting.ReactionFunc
		wantErr    func(error) bool
		wantPatch  string   // "" for no write
		wantCounts [3]int64 // ready writes, not-ready writes, conflicts
	}{
		"a new SyncTarget becomes Ready in one status patch": {
			obj: newST, cached: true,
			wantPatch:  `{` + preconds + `,"status":{"conditions":[` + readyTrue + `"observedGeneration":1,"lastTransitionTime":` + nowJSON + `}],"lastSyncTime":` + nowJSON + `}}`,
			wantCounts: [3]int64{1, 0, 0},
		},
		"an invalid spec gets Ready=False with the reason and the bad value": {
			obj: newSyncTarget("team-a", "st", "Root:Org"), cached: true,
			wantPatch: `{` + preconds + `,"status":{"conditions":[{"type":"Ready","status":"False","reason":"InvalidKCPCluster",` +
				`"message":"spec.kcpCluster: Invalid value: \"Root:Org\": must be a logical cluster path: colon-separated lower-case alphanumeric segments of at most 63 characters, '-' allowed inside, e.g. \"root:org:team\"",` +
				`"observedGeneration":1,"lastTransitionTime":` + nowJSON + `}],"lastSyncTime":` + nowJSON + `}}`,
			wantCounts: [3]int64{0, 1, 0},
		},
		"a Ready SyncTarget costs no request": {
			obj: newSyncTarget("team-a", "st", "root:org:team", withCondition(syncerReady), withReady()), cached: true,
		},
		"a new generation moves observedGeneration and lastSyncTime, not lastTransitionTime": {
			obj:    newSyncTarget("team-a", "st", "root:org:team", withGeneration(2), withCondition(syncerReady), withReady()),
			cached: true,
			wantPatch: `{` + preconds + `,"status":{"conditions":[` + syncerJSON + `,` + readyTrue +
				`"observedGeneration":2,"lastTransitionTime":` + earlierJSON + `}],"lastSyncTime":` + nowJSON + `}}`,
			wantCounts: [3]int64{1, 0, 0},
		},
		"a SyncTarget deleted before it was handled costs no request": {obj: newST},
		"a malformed key is dropped without a retry":                  {obj: newST, key: "team-a|st|extra"},
		"a key without a cluster is dropped without a retry":          {obj: newST, key: "st"},
		"a conflict is returned for a retry and counted": {
			obj: newST, cached: true, react: failPatches(apierrors.NewConflict(workloadv1alpha1.Resource("synctargets"), "st", errors.New("modified"))),
			wantErr: apierrors.IsConflict, wantPatch: "any", wantCounts: [3]int64{0, 0, 1},
		},
		"a SyncTarget deleted while reconciled is not an error": {
			obj: newST, cached: true, react: failPatches(apierrors.NewNotFound(workloadv1alpha1.Resource("synctargets"), "st")),
			wantPatch: "any",
		},
		"other errors are returned for a retry": {
			obj: newST, cached: true, react: failPatches(apierrors.NewInternalError(errors.New("etcd is away"))),
			wantErr: apierrors.IsInternalError, wantPatch: "any",
		},
	}

	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var cached []*SyncTarget
			if tc.cached {
				cached = append(cached, tc.obj)
			}
			f := newFixture(t, cached...)
			if tc.react != nil {
				f.client.PrependReactor("patch", "synctargets", tc.react)
			}

			var err error
			if tc.key != "" {
				err = f.c.process(t.Context(), tc.key)
			} else {
				err = f.process(tc.obj)
			}

			if tc.wantErr != nil {
				require.True(t, tc.wantErr(err), "unexpected error: %v", err)
			} else {
				require.NoError(t, err)
			}
			switch tc.wantPatch {
			case "":
				f.requireWrites()
			case "any":
				require.Len(t, f.writes(), 1)
			default:
				f.requireWrites(statusPatch(tc.obj, tc.wantPatch))
			}
			ready, notReady := f.c.StatusWritesByReady()
			require.Equal(t, tc.wantCounts, [3]int64{ready, notReady, f.c.Conflicts()})
		})
	}
}
