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
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	coordinationv1client "k8s.io/client-go/kubernetes/typed/coordination/v1"

	"github.com/kcp-dev/logicalcluster/v3"
)

// twoContextKubeconfig points its current context at root and a second
// context at root:org on another server, as kcp's admin kubeconfigs do.
const twoContextKubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: root
  cluster:
    server: https://127.0.0.1:6443/clusters/root
    insecure-skip-tls-verify: true
- name: org
  cluster:
    server: https://kcp.example.com:443/clusters/root:org
    insecure-skip-tls-verify: true
users:
- name: admin
  user:
    token: admin-token
- name: other
  user:
    token: other-token
contexts:
- name: root
  context:
    cluster: root
    user: admin
- name: org
  context:
    cluster: org
    user: other
current-context: root
`

func writeKubeconfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "admin.kubeconfig")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

func TestNewConfig(t *testing.T) {
	t.Parallel()

	kubeconfig := writeKubeconfig(t, twoContextKubeconfig)

	tests := map[string]struct {
		modify       func(o *Options)
		wantHost     string
		wantToken    string
		wantProvider logicalcluster.Path
		wantLeases   string
		wantErrs     []string
	}{
		"current context": {
			modify:       func(*Options) {},
			wantHost:     "https://127.0.0.1:6443",
			wantToken:    "admin-token",
			wantProvider: logicalcluster.NewPath("root"),
			wantLeases:   "https://127.0.0.1:6443/clusters/root/apis/coordination.k8s.io/v1/namespaces/default/leases",
		},
		"context chosen by the options": {
			modify: func(o *Options) {
				o.Context = "org"
				o.ProviderWorkspace = "root:org"
			},
			wantHost:     "https://kcp.example.com:443",
			wantToken:    "other-token",
			wantProvider: logicalcluster.NewPath("root:org"),
			wantLeases:   "https://kcp.example.com:443/clusters/root:org/apis/coordination.k8s.io/v1/namespaces/default/leases",
		},
		"unknown context": {
			modify:   func(o *Options) { o.Context = "nope" },
			wantErrs: []string{kubeconfig, "nope"},
		},
		"missing kubeconfig": {
			modify:   func(o *Options) { o.Kubeconfig = filepath.Join(os.TempDir(), "does-not-exist", "kubeconfig") },
			wantErrs: []string{filepath.Join(os.TempDir(), "does-not-exist", "kubeconfig")},
		},
		"invalid options are rejected before the kubeconfig is read": {
			modify: func(o *Options) {
				o.Kubeconfig = filepath.Join(os.TempDir(), "does-not-exist", "kubeconfig")
				o.Workers = 0
			},
			wantErrs: []string{"--workers"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			opts := NewOptions()
			opts.Kubeconfig = kubeconfig
			opts.QPS, opts.Burst = 7, 9
			tc.modify(opts)

			cfg, err := NewConfig(opts)
			if len(tc.wantErrs) > 0 {
				require.Error(t, err)
				require.Nil(t, cfg)
				for _, want := range tc.wantErrs {
					require.ErrorContains(t, err, want)
				}
				return
			}
			require.NoError(t, err)
			require.Same(t, opts, cfg.Options)
			require.Equal(t, tc.wantHost, cfg.BaseConfig.Host)
			require.NotContains(t, cfg.BaseConfig.Host, "/clusters/")
			require.Equal(t, tc.wantToken, cfg.BaseConfig.BearerToken)
			require.InDelta(t, 7, cfg.BaseConfig.QPS, 0)
			require.Equal(t, 9, cfg.BaseConfig.Burst)
			require.True(t, strings.HasSuffix(cfg.BaseConfig.UserAgent, "/kcp-synctarget-controller"), "user agent %q", cfg.BaseConfig.UserAgent)
			require.Equal(t, tc.wantProvider, cfg.ProviderPath)
			require.NotNil(t, cfg.KCPClient)
			leases := cfg.LeaseClient.(*coordinationv1client.CoordinationV1Client).RESTClient()
			require.Equal(t, tc.wantLeases, leases.Get().Namespace("default").Resource("leases").URL().String(),
				"the Lease lives in the provider workspace")
		})
	}
}
