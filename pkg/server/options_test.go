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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
)

func TestOptionsValidate(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		modify func(o *Options)
		// wantErrs are substrings the error must contain; none means valid.
		wantErrs []string
	}{
		"defaults are valid": {
			modify: func(*Options) {},
		},
		"nested provider workspace is valid": {
			modify: func(o *Options) { o.ProviderWorkspace = "root:org:team" },
		},
		"empty bind address disables the health server and is valid": {
			modify: func(o *Options) { o.BindAddress = "" },
		},
		"bind address without a host is valid": {
			modify: func(o *Options) { o.BindAddress = ":9090" },
		},
		"positive endpoint timeout is valid": {
			modify: func(o *Options) { o.EndpointTimeout = time.Minute },
		},
		"wildcard provider workspace": {
			modify:   func(o *Options) { o.ProviderWorkspace = "*" },
			wantErrs: []string{`--provider-workspace "*"`},
		},
		"upper-case provider workspace": {
			modify:   func(o *Options) { o.ProviderWorkspace = "Root" },
			wantErrs: []string{`--provider-workspace "Root"`},
		},
		"empty provider workspace": {
			modify:   func(o *Options) { o.ProviderWorkspace = "" },
			wantErrs: []string{`--provider-workspace ""`},
		},
		"provider workspace with an empty segment": {
			modify:   func(o *Options) { o.ProviderWorkspace = "root::org" },
			wantErrs: []string{`--provider-workspace "root::org"`},
		},
		"unknown controller": {
			modify:   func(o *Options) { o.Controllers = []string{synctarget.ControllerName, "kcp-nonsense"} },
			wantErrs: []string{"--controllers", "kcp-nonsense", synctarget.ControllerName},
		},
		"zero workers": {
			modify:   func(o *Options) { o.Workers = 0 },
			wantErrs: []string{"--workers must be at least 1, got 0"},
		},
		"zero qps": {
			modify:   func(o *Options) { o.QPS = 0 },
			wantErrs: []string{"--qps"},
		},
		"negative qps": {
			modify:   func(o *Options) { o.QPS = -1 },
			wantErrs: []string{"--qps"},
		},
		"zero burst": {
			modify:   func(o *Options) { o.Burst = 0 },
			wantErrs: []string{"--burst"},
		},
		"negative endpoint timeout": {
			modify:   func(o *Options) { o.EndpointTimeout = -time.Second },
			wantErrs: []string{"--endpoint-timeout must not be negative, got -1s"},
		},
		"bind address without a port": {
			modify:   func(o *Options) { o.BindAddress = "127.0.0.1" },
			wantErrs: []string{`--bind-address "127.0.0.1"`, "missing port"},
		},
		"bind address with a port out of range": {
			modify:   func(o *Options) { o.BindAddress = "127.0.0.1:99999" },
			wantErrs: []string{`--bind-address "127.0.0.1:99999"`, "port from 0 to 65535"},
		},
		"bind address with a named port": {
			modify:   func(o *Options) { o.BindAddress = "127.0.0.1:http" },
			wantErrs: []string{`--bind-address "127.0.0.1:http"`},
		},
		"bind address with too many colons": {
			modify:   func(o *Options) { o.BindAddress = "::1:8090" },
			wantErrs: []string{`--bind-address "::1:8090"`},
		},
		"every invalid option is reported at once": {
			modify: func(o *Options) {
				o.ProviderWorkspace = "*"
				o.Workers = 0
				o.QPS = 0
				o.EndpointTimeout = -time.Second
				o.BindAddress = "nope"
			},
			wantErrs: []string{"--provider-workspace", "--workers", "--qps", "--endpoint-timeout", "--bind-address"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			o := NewOptions()
			tc.modify(o)
			err := o.Validate()
			if len(tc.wantErrs) == 0 {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, want := range tc.wantErrs {
				require.ErrorContains(t, err, want)
			}
		})
	}
}
