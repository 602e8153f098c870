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

package server

import (
	"testing"

	"github.com/stretchr/testify/require"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha1 "github.com/kcp-dev/sdk/apis/apis/v1alpha1"
	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"
)

func TestBootstrap(t *testing.T) {
	t.Parallel()

	wantSchema, wantExport := embedded(t)
	provider := testProvider.String()

	runBootstrapCases(t, map[string]bootstrapCase{
		"empty workspace: the schema is created before the export": {
			objects: func() []runtime.Object { return nil },
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"create", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
				{"create", "apiexports", provider},
			},
			check: func(t *testing.T, c *kcpfakeclientset.ClusterClientset) {
				t.Helper()
				gotSchema, err := c.Tracker().Cluster(testProvider).Get(schemasGVR, "", wantSchema.Name)
				require.NoError(t, err)
				require.Equal(t, wantSchema.Spec, gotSchema.(*apisv1alpha1.APIResourceSchema).Spec)
				gotExport, err := c.Tracker().Cluster(testProvider).Get(exportsGVR, "", exportName)
				require.NoError(t, err)
				require.Equal(t, wantExport.Spec, gotExport.(*apisv1alpha2.APIExport).Spec)
			},
		},
		"objects in another workspace do not count": {
			objects: func() []runtime.Object {
				other := logicalcluster.NewPath("root")
				return []runtime.Object{inCluster(wantSchema.DeepCopy(), other), inCluster(wantExport.DeepCopy(), other)}
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"create", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
				{"create", "apiexports", provider},
			},
		},
		"up to date: only reads": {
			objects: func() []runtime.Object {
				return []runtime.Object{inCluster(wantSchema.DeepCopy(), testProvider), inCluster(wantExport.DeepCopy(), testProvider)}
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
			},
		},
		"an existing schema that kcp defaulted is kept": {
			objects: func() []runtime.Object {
				defaulted := inCluster(wantSchema.DeepCopy(), testProvider)
				defaulted.Spec.NameValidation = "DefaultValidation"
				return []runtime.Object{defaulted, inCluster(wantExport.DeepCopy(), testProvider)}
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
			},
		},
		"schema exists, export missing": {
			objects: func() []runtime.Object {
				return []runtime.Object{inCluster(wantSchema.DeepCopy(), testProvider)}
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
				{"create", "apiexports", provider},
			},
		},
		"export with stale resources: one update of the resources only": {
			objects: func() []runtime.Object {
				stale := inCluster(wantExport.DeepCopy(), testProvider)
				stale.Spec.Resources = []apisv1alpha2.ResourceSchema{{
					Group:   "workload.kcp.io",
					Name:    "synctargets",
					Schema:  "v000000-0000000.synctargets.workload.kcp.io",
					Storage: apisv1alpha2.ResourceSchemaStorage{CRD: &apisv1alpha2.ResourceSchemaStorageCRD{}},
				}}
				stale.Spec.Identity = &apisv1alpha2.Identity{SecretRef: &corev1.SecretReference{Name: "workload.kcp.io", Namespace: "kcp-system"}}
				stale.Spec.MaximalPermissionPolicy = &apisv1alpha2.MaximalPermissionPolicy{Local: &apisv1alpha2.LocalAPIExportPolicy{}}
				stale.Spec.PermissionClaims = []apisv1alpha2.PermissionClaim{{
					GroupResource: apisv1alpha2.GroupResource{Resource: "secrets"},
					Verbs:         []string{"get", "list", "watch"},
				}}
				stale.Labels = map[string]string{"team": "tmc"}
				return []runtime.Object{inCluster(wantSchema.DeepCopy(), testProvider), stale}
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
				{"update", "apiexports", provider},
			},
			check: func(t *testing.T, c *kcpfakeclientset.ClusterClientset) {
				t.Helper()
				obj, err := c.Tracker().Cluster(testProvider).Get(exportsGVR, "", exportName)
				require.NoError(t, err)
				got := obj.(*apisv1alpha2.APIExport)
				require.Equal(t, wantExport.Spec.Resources, got.Spec.Resources)
				require.Equal(t, &apisv1alpha2.Identity{SecretRef: &corev1.SecretReference{Name: "workload.kcp.io", Namespace: "kcp-system"}}, got.Spec.Identity)
				require.Equal(t, &apisv1alpha2.MaximalPermissionPolicy{Local: &apisv1alpha2.LocalAPIExportPolicy{}}, got.Spec.MaximalPermissionPolicy)
				require.Equal(t, []apisv1alpha2.PermissionClaim{{
					GroupResource: apisv1alpha2.GroupResource{Resource: "secrets"},
					Verbs:         []string{"get", "list", "watch"},
				}}, got.Spec.PermissionClaims)
				require.Equal(t, map[string]string{"team": "tmc"}, got.Labels)
			},
		},
	})
}
