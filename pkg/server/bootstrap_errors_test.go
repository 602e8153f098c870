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
	"errors"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"
)

func TestBootstrapErrors(t *testing.T) {
	t.Parallel()

	wantSchema, wantExport := embedded(t)
	provider := testProvider.String()

	runBootstrapCases(t, map[string]bootstrapCase{
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
				"config/rbac",
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
	})
}
