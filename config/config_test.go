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
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

func TestSamplesMatchTheirNames(t *testing.T) {
	t.Parallel()

	files, err := Load(SamplesDir)
	require.NoError(t, err)
	v := newSchemaValidator(t)
	var valid, invalid int
	for _, f := range files {
		require.Equal(t, workloadv1alpha1.SchemeGroupVersion.String(), f.Object.GetAPIVersion(), f.Name)
		errs := v.validate(f.Object.Object)
		switch {
		case strings.HasPrefix(f.Name, "valid-"):
			valid++
			require.Empty(t, errs, f.Name)
		case strings.HasPrefix(f.Name, "invalid-"):
			invalid++
			require.NotEmpty(t, errs, f.Name)
			require.Contains(t, errs.ToAggregate().Error(), "spec.", "%s: the message names the field", f.Name)
		default:
			require.Fail(t, "sample names start with valid- or invalid-", f.Name)
		}
	}
	require.Equal(t, 1, valid)
	require.GreaterOrEqual(t, invalid, 3)
}

func TestAPIExportNamesTheGeneratedSchema(t *testing.T) {
	t.Parallel()

	files, err := Load(RootPhase0Dir)
	require.NoError(t, err)
	names := map[string]string{}
	var exportedSchemas []string
	for _, f := range files {
		names[f.Object.GetKind()] = f.Object.GetName()
		if f.Object.GetKind() != "APIExport" {
			continue
		}
		resources, found, err := unstructured.NestedSlice(f.Object.Object, "spec", "resources")
		require.NoError(t, err)
		require.True(t, found)
		for _, r := range resources {
			schema, _, err := unstructured.NestedString(r.(map[string]interface{}), "schema")
			require.NoError(t, err)
			exportedSchemas = append(exportedSchemas, schema)
		}
	}
	require.Equal(t, "workload.kcp.io", names["APIExport"])
	require.True(t, strings.HasSuffix(names["APIResourceSchema"], ".synctargets.workload.kcp.io"))
	require.Equal(t, []string{names["APIResourceSchema"]}, exportedSchemas)
}

func TestRBACIsLeastPrivilege(t *testing.T) {
	t.Parallel()

	files, err := Load(RBACDir)
	require.NoError(t, err)
	rules := map[string][]rbacv1.PolicyRule{}
	for _, f := range files {
		switch f.Object.GetKind() {
		case "ClusterRole":
			role := &rbacv1.ClusterRole{}
			require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, role))
			rules["ClusterRole"] = role.Rules
		case "Role":
			role := &rbacv1.Role{}
			require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, role))
			require.Equal(t, "default", role.Namespace)
			rules["Role"] = role.Rules
		}
	}
	require.Equal(t, map[string][]rbacv1.PolicyRule{
		"ClusterRole": {
			{APIGroups: []string{"apis.kcp.io"}, Resources: []string{"apiexports/content"}, ResourceNames: []string{"workload.kcp.io"}, Verbs: []string{"get", "list", "watch", "update", "patch"}},
			{APIGroups: []string{"apis.kcp.io"}, Resources: []string{"apiexportendpointslices"}, ResourceNames: []string{"workload.kcp.io"}, Verbs: []string{"get", "list", "watch"}},
			{NonResourceURLs: []string{"/"}, Verbs: []string{"access"}},
		},
		"Role": {
			{APIGroups: []string{"coordination.k8s.io"}, Resources: []string{"leases"}, Verbs: []string{"create"}},
			{APIGroups: []string{"coordination.k8s.io"}, Resources: []string{"leases"}, ResourceNames: []string{"kcp-synctarget-controller"}, Verbs: []string{"get", "update"}},
		},
	}, rules)
}
