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
	"fmt"
	"net"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// explain turns the errors an operator meets first into advice.
func explain(err error) error {
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		// context.DeadlineExceeded is a net.Error too, but a deadline of
		// ours says nothing about kcp's reachability.
		return err
	case apierrors.IsForbidden(err):
		return fmt.Errorf("%w (the identity in the kubeconfig lacks a permission: with --bootstrap it needs to create APIResourceSchemas and APIExports in the provider workspace; without, it needs the roles in config/rbac)", err)
	case apierrors.IsUnauthorized(err):
		return fmt.Errorf("%w (kcp rejected the kubeconfig's credentials)", err)
	case errors.As(err, &netErr):
		return fmt.Errorf("%w (is kcp running and reachable at the kubeconfig's server?)", err)
	}
	return err
}
