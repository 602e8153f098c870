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
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/runtime"

	apisv1alpha1 "github.com/kcp-dev/sdk/apis/apis/v1alpha1"
	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"

	"github.com/kcp-dev/kcp/config"
)

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

// bootstrapCase is one bootstrap into a fake kcp.
type bootstrapCase struct {
	objects     func() []runtime.Object
	reactors    func(c *kcpfakeclientset.ClusterClientset)
	wantActions []action
	wantErrs    []string
	check       func(t *testing.T, c *kcpfakeclientset.ClusterClientset)
}

func runBootstrapCases(t *testing.T, tests map[string]bootstrapCase) {
	t.Helper()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			client := newFakeKCP(tc.objects()...)
			if tc.reactors != nil {
				tc.reactors(client)
			}
			err := bootstrap(context.Background(), client, testProvider, false)
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
	require.NoError(t, bootstrap(context.Background(), client, testProvider, false))
	require.Equal(t, []action{
		{"create", "apiresourceschemas", testProvider.String()},
		{"create", "apiexports", testProvider.String()},
	}, writes(client.Actions()))

	client.ClearActions()
	require.NoError(t, bootstrap(context.Background(), client, testProvider, false))
	require.Empty(t, writes(client.Actions()), "a second bootstrap must not write")
	require.Equal(t, []action{
		{"get", "apiresourceschemas", testProvider.String()},
		{"get", "apiexports", testProvider.String()},
	}, summarize(client.Actions()))
}
