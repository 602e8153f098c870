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
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// invalidCluster is a new SyncTarget whose kcpCluster is value.
func invalidCluster(value string, wantMessage ...string) reconcileCase {
	return reconcileCase{
		in:          newSyncTarget("team-a", "st", value),
		wantChanged: true, wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidKCPClusterReason,
		wantMessage: wantMessage, wantLTT: metav1.NewTime(testNow), wantLastSync: metav1.NewTime(testNow),
	}
}

// invalidExports is a new SyncTarget with a valid kcpCluster and refs.
func invalidExports(refs []string, wantMessage ...string) reconcileCase {
	return reconcileCase{
		in:          newSyncTarget("team-a", "st", "root:org:team", withExports(refs...)),
		wantChanged: true, wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidAPIExportReferenceReason,
		wantMessage: wantMessage, wantLTT: metav1.NewTime(testNow), wantLastSync: metav1.NewTime(testNow),
	}
}

func TestReconcileInvalidSpec(t *testing.T) {
	t.Parallel()

	manyExports := make([]string, workloadv1alpha1.MaxSupportedAPIExports+1)
	for i := range manyExports {
		manyExports[i] = "export-" + strings.Repeat("x", i%10) + string(rune('a'+i%26)) + strings.Repeat("0", i/26)
	}
	hugeExports := make([]string, 200)
	for i := range hugeExports {
		hugeExports[i] = "Bad" + strings.Repeat("x", 240) + strings.Repeat("y", i%5) + strings.Repeat("z", i/5)
	}
	stillInvalid := newSyncTarget("team-a", "st", "Root:y", withGeneration(2), withReadyAs(metav1.ConditionFalse,
		workloadv1alpha1.InvalidKCPClusterReason, `spec.kcpCluster: Invalid value: "Root:x"`, 1))
	reconciledInvalid := newSyncTarget("team-a", "st", "Root:x", withReadyAs(metav1.ConditionFalse, workloadv1alpha1.InvalidKCPClusterReason,
		notReady(workloadv1alpha1.InvalidKCPClusterReason, workloadv1alpha1.ValidateKCPCluster("Root:x", kcpClusterPath)).Message, 1))

	tests := map[string]reconcileCase{
		"empty kcpCluster":      invalidCluster("", "spec.kcpCluster: Required value"),
		"upper case kcpCluster": invalidCluster("Root:Org", `spec.kcpCluster: Invalid value: "Root:Org"`),
		"wildcard kcpCluster":   invalidCluster("*", `spec.kcpCluster: Invalid value: "*"`),
		"trailing colon":        invalidCluster("root:org:", `spec.kcpCluster: Invalid value: "root:org:"`),
		"too long kcpCluster":   invalidCluster(strings.Repeat("a", 513), "spec.kcpCluster: Too long: may not be more than 512"),
		"kcpCluster is reported before exports": {
			in:          newSyncTarget("team-a", "st", "Root", withExports("Bad")),
			wantChanged: true, wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidKCPClusterReason,
			wantMessage: []string{`"Root"`}, wantLTT: metav1.NewTime(testNow), wantLastSync: metav1.NewTime(testNow),
		},
		"bad export name":  invalidExports([]string{"root:org:Bad_Export"}, `spec.supportedAPIExports[0]: Invalid value: "root:org:Bad_Export"`),
		"bad export path":  invalidExports([]string{"ok", "Root:x:export"}, `spec.supportedAPIExports[1]: Invalid value: "Root:x:export"`),
		"empty export":     invalidExports([]string{"ok", ""}, `spec.supportedAPIExports[1]: Required value`),
		"duplicate export": invalidExports([]string{"a", "b", "a"}, `spec.supportedAPIExports[2]: Duplicate value: "a"`),
		"too many exports": invalidExports(manyExports, "spec.supportedAPIExports: Too many: 65: must have at most 64 items"),
		"every bad export is listed": invalidExports([]string{"One", "ok", "Two"},
			`spec.supportedAPIExports[0]: Invalid value: "One"`, `; spec.supportedAPIExports[2]: Invalid value: "Two"`),
		"a huge message is truncated": invalidExports(hugeExports, `spec.supportedAPIExports[0]: Invalid value: "Bad`, truncatedSuffix),
		"still invalid with another value updates the message, not lastTransitionTime": {
			in:          stillInvalid,
			wantChanged: true, wantStatus: metav1.ConditionFalse, wantReason: workloadv1alpha1.InvalidKCPClusterReason,
			wantMessage: []string{`"Root:y"`}, wantLTT: testEarlier, wantLastSync: metav1.NewTime(testNow),
		},
		"an already reconciled invalid SyncTarget is unchanged": {in: reconciledInvalid},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkReconcile(t, tc)
		})
	}
}

func TestNotReadyTruncatesOnRuneBoundary(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		value string
	}{
		"ascii":      {value: strings.Repeat("B", 300)},
		"multi-byte": {value: strings.Repeat("é", 150)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			errs := make(field.ErrorList, 200)
			for i := range errs {
				errs[i] = field.Invalid(exportsPath.Index(i), tc.value, "bad")
			}
			cond := notReady(workloadv1alpha1.InvalidAPIExportReferenceReason, errs)
			require.LessOrEqual(t, len(cond.Message), maxConditionMessageLength)
			require.Greater(t, len(cond.Message), maxConditionMessageLength-len(truncatedSuffix)-4)
			require.True(t, strings.HasSuffix(cond.Message, truncatedSuffix))
			require.True(t, utf8.ValidString(cond.Message))
		})
	}
}
