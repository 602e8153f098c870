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
	"path/filepath"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/config"
)

// rbacResources maps the kinds under config/rbac to their resources.
var rbacResources = map[string]string{
	"ClusterRole": "clusterroles", "ClusterRoleBinding": "clusterrolebindings",
	"Role": "roles", "RoleBinding": "rolebindings",
}

// ControllerKubeconfig gives the controller the identity it is meant to run
// with: the ServiceAccount default/kcp-synctarget-controller of the provider
// workspace, bound to config/rbac there and nothing else. It writes a
// kubeconfig for it into dir and returns the file's path. Its token is signed
// with a key kcp keeps in its root directory, so it outlives kcp restarts.
func ControllerKubeconfig(ctx context.Context, base *rest.Config, provider logicalcluster.Path, dir string) (string, error) {
	sa, err := ServiceAccountConfig(ctx, base, provider, "default", "kcp-synctarget-controller")
	if err != nil {
		return "", err
	}
	if err := applyRBAC(ctx, ClusterConfig(base, provider)); err != nil {
		return "", err
	}
	kc := clientcmdapi.NewConfig()
	kc.Clusters["kcp"] = &clientcmdapi.Cluster{Server: sa.Host + "/clusters/" + provider.String(), CertificateAuthorityData: base.CAData}
	if base.CAFile != "" {
		kc.Clusters["kcp"].CertificateAuthority = base.CAFile
	}
	kc.AuthInfos["controller"] = &clientcmdapi.AuthInfo{Token: sa.BearerToken}
	kc.Contexts["controller"] = &clientcmdapi.Context{Cluster: "kcp", AuthInfo: "controller"}
	kc.CurrentContext = "controller"
	path := filepath.Join(dir, "controller.kubeconfig")
	return path, clientcmd.WriteToFile(*kc, path)
}

// applyRBAC creates every object of config/rbac with cfg, keeping existing ones.
func applyRBAC(ctx context.Context, cfg *rest.Config) error {
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return err
	}
	files, err := config.Load(config.RBACDir)
	if err != nil {
		return err
	}
	for _, f := range files {
		resource, ok := rbacResources[f.Object.GetKind()]
		if !ok {
			return fmt.Errorf("%s: unexpected kind %q", f.Name, f.Object.GetKind())
		}
		gvr := schema.GroupVersionResource{Group: "rbac.authorization.k8s.io", Version: "v1", Resource: resource}
		var client dynamic.ResourceInterface = dyn.Resource(gvr)
		if ns := f.Object.GetNamespace(); ns != "" {
			client = dyn.Resource(gvr).Namespace(ns)
		}
		if _, err := client.Create(ctx, f.Object, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("creating %s: %w", f.Name, err)
		}
	}
	return nil
}
