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

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/kcp/config"
)

// ApplyRBAC creates config/rbac's roles and bindings in the workspace cfg
// points at. Subjects, if given, replace the bindings' subjects, as
// config/rbac asks of an identity other than its default ServiceAccount.
func ApplyRBAC(ctx context.Context, cfg *rest.Config, subjects ...rbacv1.Subject) error {
	files, err := config.Load(config.RBACDir)
	if err != nil {
		return err
	}
	return applyRBAC(ctx, cfg, files, subjects)
}

// applyRBAC creates the roles and bindings of files; see ApplyRBAC.
func applyRBAC(ctx context.Context, cfg *rest.Config, files []config.File, subjects []rbacv1.Subject) error {
	kube, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	rbac := kube.RbacV1()
	for _, f := range files {
		var obj runtime.Object
		switch f.Object.GetKind() {
		case "ClusterRole":
			obj = &rbacv1.ClusterRole{}
		case "ClusterRoleBinding":
			obj = &rbacv1.ClusterRoleBinding{}
		case "Role":
			obj = &rbacv1.Role{}
		case "RoleBinding":
			obj = &rbacv1.RoleBinding{}
		default:
			return fmt.Errorf("%s: unexpected kind %s", f.Name, f.Object.GetKind())
		}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, obj); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		switch o := obj.(type) {
		case *rbacv1.ClusterRole:
			_, err = rbac.ClusterRoles().Create(ctx, o, metav1.CreateOptions{})
		case *rbacv1.ClusterRoleBinding:
			if len(subjects) > 0 {
				o.Subjects = subjects
			}
			_, err = rbac.ClusterRoleBindings().Create(ctx, o, metav1.CreateOptions{})
		case *rbacv1.Role:
			_, err = rbac.Roles(o.Namespace).Create(ctx, o, metav1.CreateOptions{})
		case *rbacv1.RoleBinding:
			if len(subjects) > 0 {
				o.Subjects = subjects
			}
			_, err = rbac.RoleBindings(o.Namespace).Create(ctx, o, metav1.CreateOptions{})
		}
		if err != nil {
			return fmt.Errorf("creating %s: %w", f.Name, err)
		}
	}
	return nil
}
