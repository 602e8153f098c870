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
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/client-go/rest"
)

func TestBaseConfig(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		host     string
		wantHost string
		wantErr  string
	}{
		"root workspace": {
			host:     "https://127.0.0.1:6443/clusters/root",
			wantHost: "https://127.0.0.1:6443",
		},
		"nested workspace with a trailing slash": {
			host:     "https://kcp.example.com/clusters/root:org:team/",
			wantHost: "https://kcp.example.com",
		},
		"front proxy under a path prefix": {
			host:     "https://proxy.example.com/kcp/clusters/root",
			wantHost: "https://proxy.example.com/kcp",
		},
		"no workspace suffix": {
			host:     "https://kcp.example.com:6443",
			wantHost: "https://kcp.example.com:6443",
		},
		"no scheme": {
			host:     "127.0.0.1:6443/clusters/root",
			wantHost: "https://127.0.0.1:6443",
		},
		"not a URL": {
			host:    "https://[::1",
			wantErr: `kubeconfig server "https://[::1" is not a URL`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			in := &rest.Config{Host: tc.host, BearerToken: "token", QPS: 1, Burst: 1}
			opts := NewOptions()
			got, err := baseConfig(in, opts)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.wantHost, got.Host)
			require.Equal(t, "token", got.BearerToken)
			require.InDelta(t, opts.QPS, got.QPS, 0)
			require.Equal(t, opts.Burst, got.Burst)
			require.True(t, strings.HasSuffix(got.UserAgent, "/kcp-synctarget-controller"), "user agent %q", got.UserAgent)

			// The input is left alone.
			require.Equal(t, tc.host, in.Host)
			require.InDelta(t, 1, in.QPS, 0)
			require.Empty(t, in.UserAgent)
		})
	}
}
