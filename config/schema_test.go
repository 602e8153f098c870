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
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// schemaValidator validates objects as kcp does for the SyncTarget schema at
// admission: the OpenAPI schema (patterns, lengths, item counts) and the
// list-type checks (duplicates in a set).
type schemaValidator struct {
	schema     apiservervalidation.SchemaValidator
	structural *structuralschema.Structural
}

// openAPISchemas returns the SyncTarget schema of the CRD and that of the
// APIResourceSchema generated from it, which kcp serves.
func openAPISchemas(t *testing.T) (crd, apiResourceSchema map[string]any) {
	t.Helper()
	get := func(dir string, fields ...string) map[string]any {
		files, err := Load(dir)
		require.NoError(t, err)
		var schemas []map[string]any
		for _, f := range files {
			if f.Object.GetKind() == "APIExport" {
				continue
			}
			versions, _, err := unstructured.NestedSlice(f.Object.Object, "spec", "versions")
			require.NoError(t, err)
			require.Len(t, versions, 1, f.Name)
			schema, found, err := unstructured.NestedMap(versions[0].(map[string]any), fields...)
			require.NoError(t, err)
			require.True(t, found, f.Name)
			schemas = append(schemas, schema)
		}
		require.Len(t, schemas, 1, dir)
		return schemas[0]
	}
	return get(CRDsDir, "schema", "openAPIV3Schema"), get(RootPhase0Dir, "schema")
}

func newSchemaValidator(t *testing.T) schemaValidator {
	t.Helper()
	_, served := openAPISchemas(t)
	v1 := &apiextensionsv1.JSONSchemaProps{}
	require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(served, v1))
	internal := &apiextensions.JSONSchemaProps{}
	require.NoError(t, apiextensionsv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(v1, internal, nil))
	validator, _, err := apiservervalidation.NewSchemaValidator(internal)
	require.NoError(t, err)
	structural, err := structuralschema.NewStructural(internal)
	require.NoError(t, err)
	return schemaValidator{schema: validator, structural: structural}
}

// validate returns the errors kcp reports for obj at admission.
func (v schemaValidator) validate(obj map[string]any) field.ErrorList {
	errs := apiservervalidation.ValidateCustomResource(nil, obj, v.schema)
	return append(errs, listtype.ValidateListSetsAndMaps(nil, v.structural, obj)...)
}

// errorFields returns the distinct fields errs point at, sorted.
func errorFields(errs field.ErrorList) []string {
	fields := sets.New[string]()
	for _, err := range errs {
		fields.Insert(err.Field)
	}
	return sets.List(fields)
}

func TestTheServedSchemaIsTheCRDs(t *testing.T) {
	t.Parallel()

	crd, served := openAPISchemas(t)
	require.Equal(t, crd, served)
}
