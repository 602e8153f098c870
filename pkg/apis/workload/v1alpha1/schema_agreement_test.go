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
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// crdValidator validates objects the way the API server does for the generated
// CRD: the OpenAPI schema (patterns, lengths, item counts) plus the list-type
// checks (duplicates in a set).
type crdValidator struct {
	schema     apiservervalidation.SchemaValidator
	structural *structuralschema.Structural
}

func loadCRDValidator(t *testing.T) crdValidator {
	t.Helper()

	data, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "config", "crds", "workload.kcp.io_synctargets.yaml"))
	require.NoError(t, err)
	crd := &apiextensionsv1.CustomResourceDefinition{}
	require.NoError(t, yaml.UnmarshalStrict(data, crd))
	require.Len(t, crd.Spec.Versions, 1)
	require.Equal(t, SchemeGroupVersion.Version, crd.Spec.Versions[0].Name)

	internal := &apiextensions.JSONSchemaProps{}
	require.NoError(t, apiextensionsv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(crd.Spec.Versions[0].Schema.OpenAPIV3Schema, internal, nil))
	validator, _, err := apiservervalidation.NewSchemaValidator(internal)
	require.NoError(t, err)
	structural, err := structuralschema.NewStructural(internal)
	require.NoError(t, err)
	return crdValidator{schema: validator, structural: structural}
}

func (v crdValidator) validate(t *testing.T, spec SyncTargetSpec) field.ErrorList {
	t.Helper()

	obj := &SyncTarget{
		TypeMeta:   metav1.TypeMeta{APIVersion: SchemeGroupVersion.String(), Kind: "SyncTarget"},
		ObjectMeta: metav1.ObjectMeta{Name: "probe"},
		Spec:       spec,
	}
	u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	require.NoError(t, err)
	errs := apiservervalidation.ValidateCustomResource(nil, u, v.schema)
	return append(errs, listtype.ValidateListSetsAndMaps(nil, v.structural, u)...)
}

// TestCRDSchemaAgreesWithValidation runs the validation table through the
// generated CRD's schema: it must accept and reject exactly what the Go
// validation does, and point at the same fields.
func TestCRDSchemaAgreesWithValidation(t *testing.T) {
	t.Parallel()

	v := loadCRDValidator(t)
	for name, tc := range validationCases() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			schemaErrs := v.validate(t, tc.spec)
			goErrs := ValidateSyncTargetSpec(&tc.spec, field.NewPath("spec"))
			require.Equal(t, len(goErrs) == 0, len(schemaErrs) == 0, "verdicts differ: schema %v, Go %v", schemaErrs, goErrs)
			require.ElementsMatch(t, errorFields(goErrs), errorFields(schemaErrs), "schema %v, Go %v", schemaErrs, goErrs)
		})
	}
}
