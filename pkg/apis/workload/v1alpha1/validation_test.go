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
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

type validationCase struct {
	spec SyncTargetSpec
	// wantFields are the fields (as field paths) that must be reported; empty means valid.
	wantFields []string
}

func exportRefs(refs ...string) SyncTargetSpec {
	return SyncTargetSpec{KCPCluster: "root:org", SupportedAPIExports: refs}
}

func manyExports(n int) []string {
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, fmt.Sprintf("export-%d", i))
	}
	return out
}

// validationCases is shared by the Go validation test and the CRD schema
// agreement test, so both judge exactly the same inputs.
func validationCases() map[string]validationCase {
	seg63 := strings.Repeat("a", 63)
	long510 := strings.Repeat(seg63+":", 7) + strings.Repeat("c", 62)
	return map[string]validationCase{
		"root":                               {spec: SyncTargetSpec{KCPCluster: "root"}},
		"nested path":                        {spec: SyncTargetSpec{KCPCluster: "root:org:team-1"}},
		"logical cluster name":               {spec: SyncTargetSpec{KCPCluster: "2abc3def9xyz"}},
		"63-character segment":               {spec: SyncTargetSpec{KCPCluster: "root:" + seg63}},
		"512-character path":                 {spec: SyncTargetSpec{KCPCluster: long510 + ":d"}},
		"valid export references":            {spec: exportRefs("kubernetes", "root:compute:workloads", "root:apis.example.io")},
		"64 export references":               {spec: exportRefs(manyExports(64)...)},
		"253-character export reference":     {spec: exportRefs("root:" + strings.Repeat("b", 248))},
		"empty kcpCluster":                   {spec: SyncTargetSpec{}, wantFields: []string{"spec.kcpCluster"}},
		"upper case kcpCluster":              {spec: SyncTargetSpec{KCPCluster: "Root:org"}, wantFields: []string{"spec.kcpCluster"}},
		"trailing colon":                     {spec: SyncTargetSpec{KCPCluster: "root:"}, wantFields: []string{"spec.kcpCluster"}},
		"leading colon":                      {spec: SyncTargetSpec{KCPCluster: ":root"}, wantFields: []string{"spec.kcpCluster"}},
		"double colon":                       {spec: SyncTargetSpec{KCPCluster: "root::org"}, wantFields: []string{"spec.kcpCluster"}},
		"wildcard":                           {spec: SyncTargetSpec{KCPCluster: "*"}, wantFields: []string{"spec.kcpCluster"}},
		"leading hyphen":                     {spec: SyncTargetSpec{KCPCluster: "root:-org"}, wantFields: []string{"spec.kcpCluster"}},
		"underscore":                         {spec: SyncTargetSpec{KCPCluster: "root:org_team"}, wantFields: []string{"spec.kcpCluster"}},
		"slash separated":                    {spec: SyncTargetSpec{KCPCluster: "root/org"}, wantFields: []string{"spec.kcpCluster"}},
		"64-character segment":               {spec: SyncTargetSpec{KCPCluster: "root:" + seg63 + "a"}, wantFields: []string{"spec.kcpCluster"}},
		"513-character path":                 {spec: SyncTargetSpec{KCPCluster: long510 + ":de"}, wantFields: []string{"spec.kcpCluster"}},
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
		"bad cluster and bad export at once": {spec: SyncTargetSpec{KCPCluster: "ROOT", SupportedAPIExports: []string{"x_y"}}, wantFields: []string{"spec.kcpCluster", "spec.supportedAPIExports[0]"}},
	}
}

// errorFields returns the distinct fields errs point at, sorted.
func errorFields(errs field.ErrorList) []string {
	fields := sets.New[string]()
	for _, err := range errs {
		fields.Insert(err.Field)
	}
	return sets.List(fields)
}

func TestValidateSyncTargetSpec(t *testing.T) {
	t.Parallel()

	cases := validationCases()
	require.GreaterOrEqual(t, len(cases), 15)
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			errs := ValidateSyncTargetSpec(&tc.spec, field.NewPath("spec"))
			require.ElementsMatch(t, tc.wantFields, errorFields(errs), "errors: %v", errs)
			for _, err := range errs {
				if err.Type == field.ErrorTypeInvalid || err.Type == field.ErrorTypeDuplicate {
					require.Contains(t, err.Error(), fmt.Sprintf("%q", err.BadValue), "the message must name the bad value")
				}
			}
		})
	}
}
