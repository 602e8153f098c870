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
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestExplain(t *testing.T) {
	t.Parallel()

	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}

	tests := map[string]struct {
		err        error
		wantAdvice string
		// wantSame means the error is returned unchanged.
		wantSame bool
	}{
		"forbidden": {
			err:        apierrors.NewForbidden(schema.GroupResource{Group: "apis.kcp.io", Resource: "apiexports"}, exportName, errors.New("RBAC: access denied")),
			wantAdvice: "lacks a permission: with --bootstrap it needs to create APIResourceSchemas and APIExports in the provider workspace; without, it needs the roles in config/rbac)",
		},
		"wrapped forbidden": {
			err:        fmt.Errorf("getting: %w", apierrors.NewForbidden(schema.GroupResource{Resource: "apiexports"}, exportName, nil)),
			wantAdvice: "lacks a permission",
		},
		"unauthorized": {
			err:        apierrors.NewUnauthorized("token expired"),
			wantAdvice: "(kcp rejected the kubeconfig's credentials)",
		},
		"connection refused": {
			err:        dialErr,
			wantAdvice: "(is kcp running and reachable at the kubeconfig's server?)",
		},
		"connection refused wrapped by client-go": {
			err:        &url.Error{Op: "Get", URL: "https://127.0.0.1:6443/clusters/root/apis", Err: dialErr},
			wantAdvice: "is kcp running",
		},
		"not found is not explained": {
			err:      apierrors.NewNotFound(schema.GroupResource{Resource: "apiexports"}, exportName),
			wantSame: true,
		},
		"plain error": {
			err:      errors.New("boom"),
			wantSame: true,
		},
		"our own deadline is no sign of an unreachable kcp": {
			err:      context.DeadlineExceeded,
			wantSame: true,
		},
		"our own deadline inside a client-go error": {
			err:      &url.Error{Op: "Get", URL: "https://127.0.0.1:6443/clusters/root/apis", Err: context.DeadlineExceeded},
			wantSame: true,
		},
		"cancellation": {
			err:      fmt.Errorf("rate limiter: %w", context.Canceled),
			wantSame: true,
		},
		"nil": {
			err:      nil,
			wantSame: true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got := explain(tc.err)
			if tc.wantSame {
				require.Equal(t, tc.err, got)
				return
			}
			require.ErrorIs(t, got, tc.err, "the original error stays inspectable")
			require.ErrorContains(t, got, tc.err.Error())
			require.ErrorContains(t, got, tc.wantAdvice)
		})
	}
}
