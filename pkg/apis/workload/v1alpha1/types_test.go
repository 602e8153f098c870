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

package v1alpha1

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

func sampleSyncTarget() *SyncTarget {
	now := metav1.NewTime(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	return &SyncTarget{
		TypeMeta:   metav1.TypeMeta{APIVersion: SchemeGroupVersion.String(), Kind: "SyncTarget"},
		ObjectMeta: metav1.ObjectMeta{Name: "east", Generation: 3},
		Spec: SyncTargetSpec{
			KCPCluster:          "root:org:team",
			SupportedAPIExports: []string{"kubernetes", "root:compute:workloads"},
		},
		Status: SyncTargetStatus{
			Conditions: []metav1.Condition{{
				Type: ReadyCondition, Status: metav1.ConditionTrue, ObservedGeneration: 3,
				LastTransitionTime: now, Reason: SyncTargetReadyReason, Message: "ready",
			}},
			LastSyncTime: &now,
		},
	}
}

func TestSchemeRegistration(t *testing.T) {
	t.Parallel()

	scheme := runtime.NewScheme()
	require.NoError(t, AddToScheme(scheme))

	for kind, obj := range map[string]runtime.Object{"SyncTarget": &SyncTarget{}, "SyncTargetList": &SyncTargetList{}} {
		gvks, _, err := scheme.ObjectKinds(obj)
		require.NoError(t, err, kind)
		require.Equal(t, []string{"workload.kcp.io/v1alpha1, Kind=" + kind}, []string{gvks[0].String()})
	}
	require.Equal(t, "synctargets.workload.kcp.io", Resource("synctargets").String())
	require.Equal(t, "SyncTarget.workload.kcp.io", Kind("SyncTarget").String())
}

func TestJSONFieldNames(t *testing.T) {
	t.Parallel()

	in := sampleSyncTarget()
	data, err := json.Marshal(in)
	require.NoError(t, err)

	var raw struct{ Spec, Status map[string]json.RawMessage }
	require.NoError(t, json.Unmarshal(data, &raw))
	require.Equal(t, []string{"kcpCluster", "supportedAPIExports"}, slices.Sorted(maps.Keys(raw.Spec)))
	require.Equal(t, []string{"conditions", "lastSyncTime"}, slices.Sorted(maps.Keys(raw.Status)))

	out := &SyncTarget{}
	require.NoError(t, json.Unmarshal(data, out))
	require.True(t, equality.Semantic.DeepEqual(in, out), "round trip changed the object: %#v", out)

	empty, err := json.Marshal(&SyncTarget{Spec: SyncTargetSpec{KCPCluster: "root"}})
	require.NoError(t, err)
	require.JSONEq(t, `{"metadata":{},"spec":{"kcpCluster":"root"},"status":{}}`, string(empty))
}

func TestDeepCopyIndependence(t *testing.T) {
	t.Parallel()

	orig := sampleSyncTarget()
	cp := orig.DeepCopy()
	require.Equal(t, orig, cp)

	cp.Spec.SupportedAPIExports[0] = "changed"
	cp.Status.Conditions[0].Reason = "Changed"
	cp.Status.LastSyncTime.Time = cp.Status.LastSyncTime.Add(time.Hour)
	require.Equal(t, sampleSyncTarget(), orig, "mutating the copy must not touch the original")

	list := &SyncTargetList{Items: []SyncTarget{*orig}}
	listCopy, ok := list.DeepCopyObject().(*SyncTargetList)
	require.True(t, ok)
	listCopy.Items[0].Spec.KCPCluster = "root:other"
	require.Equal(t, "root:org:team", list.Items[0].Spec.KCPCluster)
}
