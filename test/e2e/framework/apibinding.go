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

package framework

import (
	"context"
	"fmt"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"
	apisv1alpha2client "github.com/kcp-dev/sdk/client/clientset/versioned/typed/apis/v1alpha2"
)

// BindAPIExport binds the APIExport exportPath:exportName in the workspace ws
// with an APIBinding named after the export (an existing one is reused). It
// waits until the binding is Bound and every bound resource is served in ws.
// base must be a config without a /clusters/ suffix (see KCP.BaseConfig).
// The binding accepts claims, and is served only once kcp applied them all.
func BindAPIExport(ctx context.Context, base *rest.Config, ws, exportPath logicalcluster.Path, exportName string,
	claims ...apisv1alpha2.AcceptablePermissionClaim) error {
	client, err := kcpclientset.NewForConfig(base)
	if err != nil {
		return err
	}
	bindings := client.Cluster(ws).ApisV1alpha2().APIBindings()
	binding := &apisv1alpha2.APIBinding{
		ObjectMeta: metav1.ObjectMeta{Name: exportName},
		Spec: apisv1alpha2.APIBindingSpec{
			Reference: apisv1alpha2.BindingReference{
				Export: &apisv1alpha2.ExportBindingReference{Path: exportPath.String(), Name: exportName},
			},
			PermissionClaims: claims,
		},
	}
	// A workspace just made Ready may answer 503 for a moment (kcp main), and a shard other than the
	// export's refuses the bind until the cache server brought it the export and its RBAC: retry those.
	var createErr error
	err = wait.PollUntilContextTimeout(ctx, pollInterval, WaitTimeout, true, func(ctx context.Context) (bool, error) {
		_, createErr = bindings.Create(ctx, binding, metav1.CreateOptions{})
		notYet := apierrors.IsForbidden(createErr) && strings.Contains(createErr.Error(), "no permission to bind to export")
		return !apierrors.IsServiceUnavailable(createErr) && !notYet, nil
	})
	if err == nil && createErr != nil && !apierrors.IsAlreadyExists(createErr) {
		err = createErr
	}
	if err != nil {
		return fmt.Errorf("creating APIBinding %s in %s: %w (last: %v)", exportName, ws, err, createErr)
	}
	wsConfig := ClusterConfig(base, ws)
	wsConfig.Timeout = 10 * time.Second // Discovery calls take no context.
	disco, err := discovery.NewDiscoveryClientForConfig(wsConfig)
	if err != nil {
		return err
	}
	dyn, err := dynamic.NewForConfig(wsConfig)
	if err != nil {
		return err
	}
	var last error
	err = wait.PollUntilContextTimeout(ctx, pollInterval, WaitTimeout, true, func(ctx context.Context) (bool, error) {
		last = bindingServed(ctx, bindings, exportName, len(claims), disco, dyn)
		return last == nil, nil
	})
	if err != nil {
		return fmt.Errorf("APIBinding %s in %s not Bound and served (last: %v): %w", exportName, ws, last, err)
	}
	return nil
}

// bindingServed returns nil once the APIBinding name is Bound and each of its
// bound resources is served, else what is still missing.
func bindingServed(ctx context.Context, bindings apisv1alpha2client.APIBindingInterface, name string, claims int, disco discovery.DiscoveryInterface, dyn dynamic.Interface) error {
	got, err := bindings.Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return err
	}
	if len(got.Status.AppliedPermissionClaims) < claims {
		return fmt.Errorf("%d of %d permission claims applied, conditions %+v", len(got.Status.AppliedPermissionClaims), claims, got.Status.Conditions)
	}
	if got.Status.Phase != apisv1alpha2.APIBindingPhaseBound || len(got.Status.BoundResources) == 0 {
		return fmt.Errorf("phase %q, %d bound resources, conditions %+v", got.Status.Phase, len(got.Status.BoundResources), got.Status.Conditions)
	}
	for _, r := range got.Status.BoundResources {
		if err := served(ctx, disco, dyn, r.Group, r.Resource); err != nil {
			return err
		}
	}
	return nil
}

// served checks that discovery lists group/resource and that listing it works.
func served(ctx context.Context, disco discovery.DiscoveryInterface, dyn dynamic.Interface, group, resource string) error {
	groups, err := disco.ServerGroups()
	if err != nil {
		return fmt.Errorf("discovery: %w", err)
	}
	for _, g := range groups.Groups {
		if g.Name != group {
			continue
		}
		gvr := schema.GroupVersionResource{Group: group, Version: g.PreferredVersion.Version, Resource: resource}
		resources, err := disco.ServerResourcesForGroupVersion(gvr.GroupVersion().String())
		if err != nil {
			return fmt.Errorf("discovery of %s: %w", gvr.GroupVersion(), err)
		}
		for _, r := range resources.APIResources {
			if r.Name == resource {
				if _, err := dyn.Resource(gvr).List(ctx, metav1.ListOptions{Limit: 1}); err != nil {
					return fmt.Errorf("listing %s: %w", gvr, err)
				}
				return nil
			}
		}
		return fmt.Errorf("discovery of %s does not list %s", gvr.GroupVersion(), resource)
	}
	return fmt.Errorf("discovery does not list group %q", group)
}
