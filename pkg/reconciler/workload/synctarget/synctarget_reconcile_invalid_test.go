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
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// TestReconcileChecksEveryRuleOfTheSchema goes beyond TestReconcile through
// the rules the CRD schema enforces at admission, which reconcile checks again.
func TestReconcileChecksEveryRuleOfTheSchema(t *testing.T) {
	t.Parallel()

	now := metav1.NewTime(testNow)
	seg63 := strings.Repeat("a", 63)
	cluster := func(value string) *readyWant {
		return invalid(workloadv1alpha1.InvalidKCPClusterReason, `spec.kcpCluster: Invalid value: "`+value+`"`, now)
	}
	export := func(msg string) *readyWant {
		return invalid(workloadv1alpha1.InvalidAPIExportReferenceReason, "spec.supportedAPIExports"+msg, now)
	}
	tests := map[string]struct {
		kcpCluster string
		exports    []string
		want       *readyWant
	}{
		"a logical cluster name":        {kcpCluster: "2abc3def9xyz", want: valid(now)},
		"a 63-character segment":        {kcpCluster: "root:" + seg63, want: valid(now)},
		"dotted and local exports":      {kcpCluster: "root", exports: []string{"kubernetes", "root:apis.example.io"}, want: valid(now)},
		"a 253-character export name":   {kcpCluster: "root", exports: []string{"root:" + strings.Repeat("b", 253)}, want: valid(now)},
		"an empty kcpCluster":           {want: cluster(``)},
		"upper case":                    {kcpCluster: "Root:org", want: cluster(`Root:org`)},
		"the wildcard":                  {kcpCluster: "*", want: cluster(`*`)},
		"a trailing colon":              {kcpCluster: "root:", want: cluster(`root:`)},
		"a leading colon":               {kcpCluster: ":root", want: cluster(`:root`)},
		"a double colon":                {kcpCluster: "root::org", want: cluster(`root::org`)},
		"a 64-character segment":        {kcpCluster: "root:" + seg63 + "a", want: cluster(`root:` + seg63 + "a")},
		"a slash":                       {kcpCluster: "root/org", want: cluster(`root/org`)},
		"kcpCluster before exports":     {kcpCluster: "Root", exports: []string{"Bad"}, want: cluster(`Root`)},
		"an empty export":               {kcpCluster: "root", exports: []string{"ok", ""}, want: export(`[1]: Invalid value: ""`)},
		"no export after the path":      {kcpCluster: "root", exports: []string{"root:"}, want: export(`[0]: Invalid value: "root:"`)},
		"an empty workspace path":       {kcpCluster: "root", exports: []string{":export"}, want: export(`[0]: Invalid value: ":export"`)},
		"a wildcard workspace path":     {kcpCluster: "root", exports: []string{"*:export"}, want: export(`[0]: Invalid value: "*:export"`)},
		"a trailing dot":                {kcpCluster: "root", exports: []string{"export."}, want: export(`[0]: Invalid value: "export."`)},
		"an underscore":                 {kcpCluster: "root", exports: []string{"root:my_export"}, want: export(`[0]: Invalid value: "root:my_export"`)},
		"a 254-character export name":   {kcpCluster: "root", exports: []string{strings.Repeat("b", 254)}, want: export(`[0]: Invalid value: "bbb`)},
		"the first bad export is named": {kcpCluster: "root", exports: []string{"ok", "One", "Two"}, want: export(`[1]: Invalid value: "One"`)},
		"a duplicate before a bad one":  {kcpCluster: "root", exports: []string{"a", "a", "B"}, want: export(`[1]: Duplicate value: "a"`)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			st := newSyncTarget("team-a", "st", tc.kcpCluster, withExports(tc.exports...))
			require.True(t, changed(newTestController(), st))
			ready := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
			require.NotNil(t, ready)
			require.Equal(t, []any{tc.want.status, tc.want.reason, tc.want.ltt}, []any{ready.Status, ready.Reason, ready.LastTransitionTime})
			require.Contains(t, ready.Message, tc.want.msg)
		})
	}
}

func TestReconcileOfAnInvalidSpec(t *testing.T) {
	t.Parallel()

	reconciled := newSyncTarget("team-a", "st", "Root:x")
	require.True(t, changed(newTestController(), reconciled))
	require.False(t, changed(newTestController(), reconciled.DeepCopy()), "an already reconciled invalid spec is unchanged")

	edited := reconciled.DeepCopy()
	edited.Spec.KCPCluster, edited.Generation = "Root:y", 2
	edited.Status.Conditions[0].LastTransitionTime = testEarlier
	require.True(t, changed(newTestController(), edited))
	ready := meta.FindStatusCondition(edited.Status.Conditions, workloadv1alpha1.ReadyCondition)
	require.Contains(t, ready.Message, `"Root:y"`, "another bad value updates the message")
	require.Equal(t, testEarlier, ready.LastTransitionTime, "but not lastTransitionTime")
	require.Equal(t, int64(2), ready.ObservedGeneration)
}
