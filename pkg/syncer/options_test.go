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

package syncer

import (
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/require"
)

func TestOptions(t *testing.T) {
	t.Parallel()
	required := []string{"--kubeconfig=kcp", "--physical-kubeconfig=pcluster", "--sync-target-name=st"}
	tests := map[string]struct {
		args    []string
		wantErr string
	}{
		"the defaults":                 {args: required},
		"nothing given":                {wantErr: "--kubeconfig is required\n--physical-kubeconfig is required\n--sync-target-name is required"},
		"no identity":                  {args: append([]string{"--identity="}, required...), wantErr: "--identity is required"},
		"a zero renew interval":        {args: append([]string{"--renew-interval=0"}, required...), wantErr: "--renew-interval must be positive, got 0s"},
		"a lease shorter than 2 beats": {args: append([]string{"--lease-duration=15s"}, required...), wantErr: "at least twice --renew-interval (10s), got 15s"},
		"a lease of split seconds":     {args: append([]string{"--lease-duration=40500ms"}, required...), wantErr: "whole seconds"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			o := NewOptions()
			o.Identity = "host"
			fs := pflag.NewFlagSet("syncer", pflag.ContinueOnError)
			o.AddFlags(fs)
			require.NoError(t, fs.Parse(tc.args))
			err := o.Validate()
			if tc.wantErr == "" {
				require.NoError(t, err)
				require.Equal(t, []time.Duration{10 * time.Second, 40 * time.Second, 0}, []time.Duration{o.RenewInterval, o.LeaseDuration, o.ClockSkew})
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}
