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
	"cmp"
	"context"
	"fmt"
	"slices"

	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha1 "github.com/kcp-dev/sdk/apis/apis/v1alpha1"
	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	"github.com/kcp-dev/kcp/config"
)

// bootstrap makes the provider workspace hold the embedded APIResourceSchema
// and APIExport. It only writes what is missing or different, so a second
// start sends no write at all. With heartbeat the export claims LeaseClaim.
func bootstrap(ctx context.Context, client kcpclientset.ClusterInterface, provider logicalcluster.Path, heartbeat bool) error {
	files, err := config.Load(config.RootPhase0Dir)
	if err != nil {
		return err
	}
	// Schemas first: the export names them.
	slices.SortStableFunc(files, func(a, b config.File) int {
		return cmp.Compare(kindOrder(a.Object.GetKind()), kindOrder(b.Object.GetKind()))
	})
	for _, f := range files {
		switch f.Object.GetKind() {
		case "APIResourceSchema":
			schema := &apisv1alpha1.APIResourceSchema{}
			if err := runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, schema); err != nil {
				return fmt.Errorf("decoding %s: %w", f.Name, err)
			}
			err = ensureSchema(ctx, client, provider, schema)
		case "APIExport":
			export := &apisv1alpha2.APIExport{}
			if err := runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, export); err != nil {
				return fmt.Errorf("decoding %s: %w", f.Name, err)
			}
			if heartbeat {
				export.Spec.PermissionClaims = append(export.Spec.PermissionClaims, LeaseClaim)
			}
			err = ensureExport(ctx, client, provider, export)
		default:
			err = fmt.Errorf("%s: unexpected kind %q", f.Name, f.Object.GetKind())
		}
		if err != nil {
			return fmt.Errorf("bootstrapping %s into workspace %s: %w", f.Name, provider, explain(err))
		}
	}
	return nil
}

// ensureSchema creates the schema when missing. apigen derives a schema's
// name from its content and kcp makes schemas immutable, so an existing one
// of that name is ours (kcp adds defaults such as nameValidation to it).
func ensureSchema(ctx context.Context, client kcpclientset.ClusterInterface, provider logicalcluster.Path, want *apisv1alpha1.APIResourceSchema) error {
	logger := klog.FromContext(ctx).WithValues("apiresourceschema", want.Name)
	schemas := client.Cluster(provider).ApisV1alpha1().APIResourceSchemas()
	_, err := schemas.Get(ctx, want.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		logger.Info("creating APIResourceSchema")
		_, err = schemas.Create(ctx, want, metav1.CreateOptions{})
		return err
	}
	if err == nil {
		logger.V(2).Info("APIResourceSchema exists")
	}
	return err
}

// ensureExport creates the export when missing, points its resources at the
// embedded schema when they differ and adds the claims it lacks; other fields
// (and claims) are left alone.
func ensureExport(ctx context.Context, client kcpclientset.ClusterInterface, provider logicalcluster.Path, want *apisv1alpha2.APIExport) error {
	logger := klog.FromContext(ctx).WithValues("apiexport", want.Name)
	exports := client.Cluster(provider).ApisV1alpha2().APIExports()
	got, err := exports.Get(ctx, want.Name, metav1.GetOptions{})
	switch {
	case apierrors.IsNotFound(err):
		logger.Info("creating APIExport")
		_, err = exports.Create(ctx, want, metav1.CreateOptions{})
		return err
	case err != nil:
		return err
	case equality.Semantic.DeepEqual(got.Spec.Resources, want.Spec.Resources) && len(missingClaims(got, want)) == 0:
		logger.V(2).Info("APIExport is up to date")
		return nil
	}
	logger.Info("updating the resources and claims of APIExport")
	got = got.DeepCopy()
	got.Spec.Resources = want.Spec.Resources
	got.Spec.PermissionClaims = append(got.Spec.PermissionClaims, missingClaims(got, want)...)
	_, err = exports.Update(ctx, got, metav1.UpdateOptions{})
	return err
}

// missingClaims returns the claims of want that got lacks.
func missingClaims(got, want *apisv1alpha2.APIExport) []apisv1alpha2.PermissionClaim {
	var missing []apisv1alpha2.PermissionClaim
	for _, claim := range want.Spec.PermissionClaims {
		if !slices.ContainsFunc(got.Spec.PermissionClaims, func(c apisv1alpha2.PermissionClaim) bool {
			return equality.Semantic.DeepEqual(c, claim)
		}) {
			missing = append(missing, claim)
		}
	}
	return missing
}

func kindOrder(kind string) int {
	if kind == "APIResourceSchema" {
		return 0
	}
	return 1
}
