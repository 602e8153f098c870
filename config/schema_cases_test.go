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

package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

func exportRefs(refs ...string) workloadv1alpha1.SyncTargetSpec {
	return workloadv1alpha1.SyncTargetSpec{KCPCluster: "root:org", SupportedAPIExports: refs}
}

func manyExports(n int) []string {
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, fmt.Sprintf("export-%d", i))
	}
	return out
}

// TestSchemaRejectsInvalidSpecs proves what kcp accepts and rejects at
// admission, and that every rejection names the field at fault.
func TestSchemaRejectsInvalidSpecs(t *testing.T) {
	t.Parallel()

	type spec = workloadv1alpha1.SyncTargetSpec
	seg63 := strings.Repeat("a", 63)
	long510 := strings.Repeat(seg63+":", 7) + strings.Repeat("c", 62)
	tests := map[string]struct {
		spec       spec
		wantFields []string // empty: valid
	}{
		"root":                               {spec: spec{KCPCluster: "root"}},
		"nested path":                        {spec: spec{KCPCluster: "root:org:team-1"}},
		"logical cluster name":               {spec: spec{KCPCluster: "2abc3def9xyz"}},
		"63-character segment":               {spec: spec{KCPCluster: "root:" + seg63}},
		"512-character path":                 {spec: spec{KCPCluster: long510 + ":d"}},
		"valid export references":            {spec: exportRefs("kubernetes", "root:compute:workloads", "root:apis.example.io")},
		"64 export references":               {spec: exportRefs(manyExports(64)...)},
		"253-character export reference":     {spec: exportRefs("root:" + strings.Repeat("b", 248))},
		"empty kcpCluster":                   {spec: spec{}, wantFields: []string{"spec.kcpCluster"}},
		"upper case kcpCluster":              {spec: spec{KCPCluster: "Root:org"}, wantFields: []string{"spec.kcpCluster"}},
		"trailing colon":                     {spec: spec{KCPCluster: "root:"}, wantFields: []string{"spec.kcpCluster"}},
		"leading colon":                      {spec: spec{KCPCluster: ":root"}, wantFields: []string{"spec.kcpCluster"}},
		"double colon":                       {spec: spec{KCPCluster: "root::org"}, wantFields: []string{"spec.kcpCluster"}},
		"wildcard":                           {spec: spec{KCPCluster: "*"}, wantFields: []string{"spec.kcpCluster"}},
		"leading hyphen":                     {spec: spec{KCPCluster: "root:-org"}, wantFields: []string{"spec.kcpCluster"}},
		"underscore":                         {spec: spec{KCPCluster: "root:org_team"}, wantFields: []string{"spec.kcpCluster"}},
		"slash separated":                    {spec: spec{KCPCluster: "root/org"}, wantFields: []string{"spec.kcpCluster"}},
		"64-character segment":               {spec: spec{KCPCluster: "root:" + seg63 + "a"}, wantFields: []string{"spec.kcpCluster"}},
		"513-character path":                 {spec: spec{KCPCluster: long510 + ":de"}, wantFields: []string{"spec.kcpCluster"}},
		"empty export reference":             {spec: exportRefs("ok", ""), wantFields: []string{"spec.supportedAPIExports[1]"}},
		"upper case export name":             {spec: exportRefs("root:My-Export"), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"export name missing after path":     {spec: exportRefs("root:"), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"empty workspace path":               {spec: exportRefs(":export"), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"invalid workspace path":             {spec: exportRefs("root::export"), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"wildcard workspace path":            {spec: exportRefs("*:export"), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"export name with trailing dot":      {spec: exportRefs("export."), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"export name with underscore":        {spec: exportRefs("root:my_export"), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"duplicate export reference":         {spec: exportRefs("a", "root:b", "a"), wantFields: []string{"spec.supportedAPIExports[2]"}},
		"65 export references":               {spec: exportRefs(manyExports(65)...), wantFields: []string{"spec.supportedAPIExports"}},
		"254-character export reference":     {spec: exportRefs("root:" + strings.Repeat("b", 249)), wantFields: []string{"spec.supportedAPIExports[0]"}},
		"bad cluster and bad export at once": {spec: spec{KCPCluster: "ROOT", SupportedAPIExports: []string{"x_y"}}, wantFields: []string{"spec.kcpCluster", "spec.supportedAPIExports[0]"}},
	}
	v := newSchemaValidator(t)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			st := &workloadv1alpha1.SyncTarget{Spec: tc.spec}
			st.APIVersion, st.Kind, st.Name = workloadv1alpha1.SchemeGroupVersion.String(), "SyncTarget", "probe"
			obj, err := runtime.DefaultUnstructuredConverter.ToUnstructured(st)
			require.NoError(t, err)
			errs := v.validate(obj)
			require.Equal(t, tc.wantFields, errorFieldsOrNil(errs), "errors: %v", errs)
			for _, err := range errs {
				require.True(t, strings.HasPrefix(err.Error(), err.Field+": "), "the message names the field: %v", err)
			}
		})
	}
}

func errorFieldsOrNil(errs field.ErrorList) []string {
	if len(errs) == 0 {
		return nil
	}
	return errorFields(errs)
}
