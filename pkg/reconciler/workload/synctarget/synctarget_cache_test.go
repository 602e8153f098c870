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
	"fmt"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// decoded returns a SyncTarget as a watch decodes it: every string its own copy.
func decoded(cluster, name string, annotations ...string) *workloadv1alpha1.SyncTarget {
	fresh := func(s string) string { return string([]byte(s)) }
	st := &workloadv1alpha1.SyncTarget{
		TypeMeta: metav1.TypeMeta{Kind: "SyncTarget", APIVersion: "workload.kcp.io/v1alpha1"},
		ObjectMeta: metav1.ObjectMeta{
			Name:          name,
			Annotations:   map[string]string{logicalcluster.AnnotationKey: fresh(cluster)},
			Labels:        map[string]string{"team": fresh("a")},
			ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl", Operation: metav1.ManagedFieldsOperationUpdate}},
		},
		Spec: workloadv1alpha1.SyncTargetSpec{KCPCluster: fresh("root:org:ws"), SupportedAPIExports: []string{fresh("root:org:kubernetes")}},
		Status: workloadv1alpha1.SyncTargetStatus{Conditions: []metav1.Condition{{
			Type: fresh("Ready"), Status: metav1.ConditionStatus(fresh("True")), Reason: fresh("Valid"), Message: fresh("ok"),
		}}},
	}
	for i := 0; i+1 < len(annotations); i += 2 {
		st.Annotations[annotations[i]] = annotations[i+1]
	}
	return st
}

func transformed(t *testing.T, c *Compactor, obj any) *workloadv1alpha1.SyncTarget {
	t.Helper()
	got, err := c.Transform(obj)
	require.NoError(t, err)
	return got.(*workloadv1alpha1.SyncTarget)
}

func sameString(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }

func sameMap(a, b map[string]string) bool {
	return fmt.Sprintf("%p", a) == fmt.Sprintf("%p", b)
}

func TestCompactorKeepsWhatControllersRead(t *testing.T) {
	t.Parallel()

	c := NewCompactor()
	got := transformed(t, c, decoded("team-a", "east"))

	want := decoded("team-a", "east")
	want.TypeMeta, want.ManagedFields = metav1.TypeMeta{}, nil
	require.Equal(t, want, got, "only managedFields and the type meta are dropped")
}

func TestCompactorSharesWhatRepeats(t *testing.T) {
	t.Parallel()

	c := NewCompactor()
	east := transformed(t, c, decoded("team-a", "east"))
	west := transformed(t, c, decoded("team-a", "west"))
	other := transformed(t, c, decoded("team-b", "north"))
	extra := transformed(t, c, decoded("team-a", "south", "note", "mine"))

	require.True(t, sameMap(east.Annotations, west.Annotations), "one map per cluster")
	require.False(t, sameMap(east.Annotations, other.Annotations), "not across clusters")
	require.False(t, sameMap(east.Annotations, extra.Annotations), "not with other annotations")
	require.Equal(t, map[string]string{logicalcluster.AnnotationKey: "team-a", "note": "mine"}, extra.Annotations)
	require.False(t, sameMap(east.Labels, west.Labels), "labels are left alone")

	ec, wc := east.Status.Conditions[0], west.Status.Conditions[0]
	for _, pair := range [][2]string{
		{ec.Type, wc.Type}, {string(ec.Status), string(wc.Status)}, {ec.Reason, wc.Reason}, {ec.Message, wc.Message},
		{east.Spec.KCPCluster, west.Spec.KCPCluster}, {east.Spec.SupportedAPIExports[0], west.Spec.SupportedAPIExports[0]},
	} {
		require.True(t, sameString(pair[0], pair[1]), "%q is interned", pair[0])
	}
}

func TestCompactorBoundsTheSharedMaps(t *testing.T) {
	t.Parallel()

	c := NewCompactor()
	first := transformed(t, c, decoded("cluster-0", "st"))
	for i := 1; i <= maxSharedAnnotations; i++ {
		transformed(t, c, decoded(fmt.Sprintf("cluster-%d", i), "st"))
	}
	require.LessOrEqual(t, len(c.annotations), maxSharedAnnotations)
	again := transformed(t, c, decoded("cluster-0", "st"))
	require.False(t, sameMap(first.Annotations, again.Annotations), "the full set was dropped")
	require.Equal(t, first.Annotations, again.Annotations)
}

func TestCompactorPassesOtherObjects(t *testing.T) {
	t.Parallel()

	slice := &metav1.PartialObjectMetadata{ObjectMeta: metav1.ObjectMeta{
		Name: "x", ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl"}},
	}}
	tombstone := cache.DeletedFinalStateUnknown{Key: "root|east", Obj: decoded("root", "east")}
	c := NewCompactor()
	got, err := c.Transform(slice)
	require.NoError(t, err)
	require.Equal(t, &metav1.PartialObjectMetadata{ObjectMeta: metav1.ObjectMeta{Name: "x"}}, got)
	got, err = c.Transform(tombstone)
	require.NoError(t, err)
	require.Equal(t, tombstone, got)
}
