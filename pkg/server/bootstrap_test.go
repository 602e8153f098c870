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
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha1 "github.com/kcp-dev/sdk/apis/apis/v1alpha1"
	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"

	"github.com/kcp-dev/kcp/config"
)

var testProvider = logicalcluster.NewPath("root:tmc")

// embedded returns the APIResourceSchema and APIExport shipped in
// config/root-phase0, as bootstrap decodes them.
func embedded(t *testing.T) (*apisv1alpha1.APIResourceSchema, *apisv1alpha2.APIExport) {
	t.Helper()
	files, err := config.Load(config.RootPhase0Dir)
	require.NoError(t, err)
	var (
		schema *apisv1alpha1.APIResourceSchema
		export *apisv1alpha2.APIExport
	)
	for _, f := range files {
		switch f.Object.GetKind() {
		case "APIResourceSchema":
			schema = &apisv1alpha1.APIResourceSchema{}
			require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, schema))
		case "APIExport":
			export = &apisv1alpha2.APIExport{}
			require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, export))
		}
	}
	require.NotNil(t, schema, "no embedded APIResourceSchema")
	require.NotNil(t, export, "no embedded APIExport")
	require.Equal(t, exportName, export.Name)
	require.NotEmpty(t, export.Spec.Resources)
	require.Equal(t, schema.Name, export.Spec.Resources[0].Schema, "the export must name the embedded schema")
	return schema, export
}

// inCluster places obj in the logical cluster of path for the fake tracker,
// which files objects by their kcp.io/cluster annotation.
func inCluster[T metav1.Object](obj T, path logicalcluster.Path) T {
	annotations := obj.GetAnnotations()
	if annotations == nil {
		annotations = map[string]string{}
	}
	annotations[logicalcluster.AnnotationKey] = path.String()
	obj.SetAnnotations(annotations)
	return obj
}

// action is a comparable summary of a fake client call.
type action struct {
	verb, resource, cluster string
}

func summarize(actions []kcptesting.Action) []action {
	out := make([]action, 0, len(actions))
	for _, a := range actions {
		out = append(out, action{verb: a.GetVerb(), resource: a.GetResource().Resource, cluster: a.GetCluster().String()})
	}
	return out
}

func writes(actions []kcptesting.Action) []action {
	var out []action
	for _, a := range summarize(actions) {
		switch a.verb {
		case "get", "list", "watch":
		default:
			out = append(out, a)
		}
	}
	return out
}

// newFakeKCP returns a fake kcp clientset holding objects.
func newFakeKCP(objects ...runtime.Object) *kcpfakeclientset.ClusterClientset {
	// NewClientset's field-managed tracker knows no type of apis.kcp.io and
	// fails every create; the plain tracker is what these tests need.
	return kcpfakeclientset.NewSimpleClientset(objects...) //nolint:staticcheck // NewClientset cannot store apis.kcp.io objects.
}

var (
	schemasGVR = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha1", Resource: "apiresourceschemas"}
	exportsGVR = schema.GroupVersionResource{Group: "apis.kcp.io", Version: "v1alpha2", Resource: "apiexports"}
)

func TestBootstrap(t *testing.T) {
	t.Parallel()

	wantSchema, wantExport := embedded(t)
	provider := testProvider.String()

	tests := map[string]struct {
		objects     func() []runtime.Object
		reactors    func(c *kcpfakeclientset.ClusterClientset)
		wantActions []action
		wantErrs    []string
		check       func(t *testing.T, c *kcpfakeclientset.ClusterClientset)
	}{
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
		"forbidden get of the schema": {
			objects: func() []runtime.Object { return nil },
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("get", "apiresourceschemas", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewForbidden(schemasGVR.GroupResource(), wantSchema.Name, nil)
				})
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
			},
			wantErrs: []string{
				"apiresourceschema-synctargets.workload.kcp.io.yaml",
				"workspace root:tmc",
				"forbidden",
				"lacks a permission",
				"config/rbac/clusterrole.yaml",
			},
		},
		"forbidden get of the export": {
			objects: func() []runtime.Object {
				return []runtime.Object{inCluster(wantSchema.DeepCopy(), testProvider)}
			},
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("get", "apiexports", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewForbidden(exportsGVR.GroupResource(), exportName, nil)
				})
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
			},
			wantErrs: []string{"apiexport-workload.kcp.io.yaml", "workspace root:tmc", "lacks a permission"},
		},
		"unauthorized create of the schema stops before the export": {
			objects: func() []runtime.Object { return nil },
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("create", "apiresourceschemas", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewUnauthorized("token expired")
				})
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"create", "apiresourceschemas", provider},
			},
			wantErrs: []string{"token expired", "rejected the kubeconfig's credentials"},
		},
		"a failed update is reported": {
			objects: func() []runtime.Object {
				stale := inCluster(wantExport.DeepCopy(), testProvider)
				stale.Spec.Resources = nil
				return []runtime.Object{inCluster(wantSchema.DeepCopy(), testProvider), stale}
			},
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("update", "apiexports", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewConflict(exportsGVR.GroupResource(), exportName, errors.New("the object has been modified"))
				})
			},
			wantActions: []action{
				{"get", "apiresourceschemas", provider},
				{"get", "apiexports", provider},
				{"update", "apiexports", provider},
			},
			wantErrs: []string{"apiexport-workload.kcp.io.yaml", "the object has been modified"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := newFakeKCP(tc.objects()...)
			if tc.reactors != nil {
				tc.reactors(client)
			}
			err := bootstrap(context.Background(), client, testProvider)
			require.Equal(t, tc.wantActions, summarize(client.Actions()))
			if len(tc.wantErrs) > 0 {
				require.Error(t, err)
				for _, want := range tc.wantErrs {
					require.ErrorContains(t, err, want)
				}
				return
			}
			require.NoError(t, err)
			if tc.check != nil {
				tc.check(t, client)
			}
		})
	}
}

func TestBootstrapTwiceWritesOnce(t *testing.T) {
	t.Parallel()

	client := newFakeKCP()
	require.NoError(t, bootstrap(context.Background(), client, testProvider))
	require.Equal(t, []action{
		{"create", "apiresourceschemas", testProvider.String()},
		{"create", "apiexports", testProvider.String()},
	}, writes(client.Actions()))

	client.ClearActions()
	require.NoError(t, bootstrap(context.Background(), client, testProvider))
	require.Empty(t, writes(client.Actions()), "a second bootstrap must not write")
	require.Equal(t, []action{
		{"get", "apiresourceschemas", testProvider.String()},
		{"get", "apiexports", testProvider.String()},
	}, summarize(client.Actions()))
}
