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
	"io"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
)

func TestOptionsAddFlags(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		args []string
		want func(t *testing.T, o *Options)
	}{
		"no flags keeps the defaults": {
			args: nil,
			want: func(t *testing.T, o *Options) {
				t.Helper()
				require.Empty(t, o.Kubeconfig)
				require.Empty(t, o.Context)
				require.Equal(t, "root", o.ProviderWorkspace)
				require.Equal(t, []string{synctarget.ControllerName}, o.Controllers)
				require.Equal(t, 2, o.Workers)
				require.True(t, o.Bootstrap)
				require.Equal(t, "127.0.0.1:8090", o.BindAddress)
				require.InDelta(t, 50, o.QPS, 0)
				require.Equal(t, 100, o.Burst)
				require.Zero(t, o.EndpointTimeout)
				require.NoError(t, o.Validate())
			},
		},
		"a realistic command line sets every field": {
			args: []string{
				"--kubeconfig=/etc/kcp/admin.kubeconfig",
				"--context", "base",
				"--provider-workspace=root:tmc",
				"--controllers=" + synctarget.ControllerName,
				"--workers=8",
				"--bootstrap=false",
				"--bind-address=0.0.0.0:9443",
				"--qps=12.5",
				"--burst=25",
				"--endpoint-timeout=2m30s",
				"--logging-format=json",
				"-v=4",
			},
			want: func(t *testing.T, o *Options) {
				t.Helper()
				require.Equal(t, "/etc/kcp/admin.kubeconfig", o.Kubeconfig)
				require.Equal(t, "base", o.Context)
				require.Equal(t, "root:tmc", o.ProviderWorkspace)
				require.Equal(t, []string{synctarget.ControllerName}, o.Controllers)
				require.Equal(t, 8, o.Workers)
				require.False(t, o.Bootstrap)
				require.Equal(t, "0.0.0.0:9443", o.BindAddress)
				require.InDelta(t, 12.5, o.QPS, 0)
				require.Equal(t, 25, o.Burst)
				require.Equal(t, 150*time.Second, o.EndpointTimeout)
				require.Equal(t, "json", o.Logs.Format)
				require.EqualValues(t, 4, o.Logs.Verbosity)
				require.NoError(t, o.Validate())
			},
		},
		"an empty controller list is refused": {
			args: []string{"--controllers="},
			want: func(t *testing.T, o *Options) {
				t.Helper()
				require.Empty(t, o.Controllers)
				require.False(t, o.enabled(synctarget.ControllerName))
				require.ErrorContains(t, o.Validate(), "--controllers: enable at least one of [kcp-synctarget]")
			},
		},
		"a repeated controllers flag accumulates": {
			args: []string{"--controllers=a", "--controllers=b,c"},
			want: func(t *testing.T, o *Options) {
				t.Helper()
				require.Equal(t, []string{"a", "b", "c"}, o.Controllers)
				require.ErrorContains(t, o.Validate(), "unknown [a b c]")
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			o := NewOptions()
			fs := pflag.NewFlagSet("synctarget-controller", pflag.ContinueOnError)
			o.AddFlags(fs)
			require.NoError(t, fs.Parse(tc.args))
			tc.want(t, o)
		})
	}
}

func TestOptionsAddFlagsRejectsBadValues(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		args []string
	}{
		"non-numeric workers":   {args: []string{"--workers=many"}},
		"non-boolean bootstrap": {args: []string{"--bootstrap=maybe"}},
		"unit-less timeout":     {args: []string{"--endpoint-timeout=30"}},
		"unknown flag":          {args: []string{"--provider=root"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			o := NewOptions()
			fs := pflag.NewFlagSet("synctarget-controller", pflag.ContinueOnError)
			fs.SetOutput(io.Discard)
			o.AddFlags(fs)
			require.Error(t, fs.Parse(tc.args))
		})
	}
}

func TestOptionsEnabled(t *testing.T) {
	t.Parallel()

	o := NewOptions()
	require.True(t, o.enabled(synctarget.ControllerName))
	require.False(t, o.enabled("kcp-other"))
	o.Controllers = nil
	require.False(t, o.enabled(synctarget.ControllerName))
}
