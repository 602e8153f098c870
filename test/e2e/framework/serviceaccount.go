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

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
)

// tokenSeconds is the lifetime requested for ServiceAccount tokens.
const tokenSeconds = 3600

// ServiceAccountConfig ensures the namespace and the ServiceAccount name exist in
// the workspace ws, requests a one-hour token for it and returns a config that
// authenticates with that token only: Host is the base URL of base (no
// /clusters/ suffix; use ClusterConfig), TLS trusts the CA of base, and it
// carries no client certificate. kcp honours the token only in ws.
func ServiceAccountConfig(ctx context.Context, base *rest.Config, ws logicalcluster.Path, namespace, name string) (*rest.Config, error) {
	client, err := kubernetes.NewForConfig(ClusterConfig(base, ws))
	if err != nil {
		return nil, err
	}
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: namespace}}
	if _, err := client.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return nil, fmt.Errorf("creating namespace %s in %s: %w", namespace, ws, err)
	}
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name}}
	if _, err := client.CoreV1().ServiceAccounts(namespace).Create(ctx, sa, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return nil, fmt.Errorf("creating ServiceAccount %s/%s in %s: %w", namespace, name, ws, err)
	}
	expiration := int64(tokenSeconds)
	request := &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: &expiration}}
	var token string
	var last error
	// The token endpoint may not see a new ServiceAccount at once: retry NotFound.
	err = wait.PollUntilContextTimeout(ctx, pollInterval, WaitTimeout, true, func(ctx context.Context) (bool, error) {
		got, err := client.CoreV1().ServiceAccounts(namespace).CreateToken(ctx, name, request, metav1.CreateOptions{})
		switch {
		case apierrors.IsNotFound(err):
			last = err
			return false, nil
		case err != nil:
			return false, err
		}
		token = got.Status.Token
		return token != "", nil
	})
	if err != nil {
		return nil, fmt.Errorf("requesting a token for ServiceAccount %s/%s in %s (last: %v): %w", namespace, name, ws, last, err)
	}
	return &rest.Config{
		Host: BaseHost(base.Host),
		TLSClientConfig: rest.TLSClientConfig{
			ServerName: base.ServerName,
			CAFile:     base.CAFile,
			CAData:     base.CAData,
		},
		BearerToken: token,
		QPS:         QPS,
		Burst:       Burst,
	}, nil
}
