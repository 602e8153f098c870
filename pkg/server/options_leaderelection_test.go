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

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/require"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kcp-dev/kcp/config"
)

func TestLeaderElectionOptions(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		args     []string
		want     LeaderElectionOptions
		wantErrs []string
	}{
		"defaults: on, kube-controller-manager's timings": {
			want: LeaderElectionOptions{Enabled: true, Namespace: "default", Name: "kcp-synctarget-controller",
				LeaseDuration: 15 * time.Second, RenewDeadline: 10 * time.Second, RetryPeriod: 2 * time.Second},
		},
		"every flag": {
			args: []string{"--leader-elect-resource-namespace=kcp-system", "--leader-elect-resource-name=tmc",
				"--leader-elect-lease-duration=30s", "--leader-elect-renew-deadline=20s", "--leader-elect-retry-period=5s"},
			want: LeaderElectionOptions{Enabled: true, Namespace: "kcp-system", Name: "tmc",
				LeaseDuration: 30 * time.Second, RenewDeadline: 20 * time.Second, RetryPeriod: 5 * time.Second},
		},
		"disabled: nothing else is checked": {
			args: []string{"--leader-elect=false", "--leader-elect-resource-name=", "--leader-elect-lease-duration=0s"},
			want: LeaderElectionOptions{Enabled: false, Namespace: "default",
				RenewDeadline: 10 * time.Second, RetryPeriod: 2 * time.Second},
		},
		"invalid names": {
			args: []string{"--leader-elect-resource-namespace=Default", "--leader-elect-resource-name=a_b"},
			want: LeaderElectionOptions{Enabled: true, Namespace: "Default", Name: "a_b",
				LeaseDuration: 15 * time.Second, RenewDeadline: 10 * time.Second, RetryPeriod: 2 * time.Second},
			wantErrs: []string{`--leader-elect-resource-namespace "Default"`, `--leader-elect-resource-name "a_b"`},
		},
		"the renew deadline must lie between the retry period and the lease duration": {
			args: []string{"--leader-elect-renew-deadline=15s"},
			want: LeaderElectionOptions{Enabled: true, Namespace: "default", Name: "kcp-synctarget-controller",
				LeaseDuration: 15 * time.Second, RenewDeadline: 15 * time.Second, RetryPeriod: 2 * time.Second},
			wantErrs: []string{"0 < --leader-elect-retry-period (2s) < --leader-elect-renew-deadline (15s) < --leader-elect-lease-duration (15s)"},
		},
		"a zero retry period": {
			args: []string{"--leader-elect-retry-period=0s"},
			want: LeaderElectionOptions{Enabled: true, Namespace: "default", Name: "kcp-synctarget-controller",
				LeaseDuration: 15 * time.Second, RenewDeadline: 10 * time.Second},
			wantErrs: []string{"--leader-elect-retry-period (0s)"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			o := NewOptions()
			fs := pflag.NewFlagSet("synctarget-controller", pflag.ContinueOnError)
			o.AddFlags(fs)
			require.NoError(t, fs.Parse(tc.args))
			require.Equal(t, tc.want, o.LeaderElection)
			err := o.Validate()
			if len(tc.wantErrs) == 0 {
				require.NoError(t, err)
				return
			}
			for _, want := range tc.wantErrs {
				require.ErrorContains(t, err, want)
			}
		})
	}
}

// TestLeaderElectionDefaultsMatchRBAC keeps the default Lease in step with
// the Role config/rbac ships for it.
func TestLeaderElectionDefaultsMatchRBAC(t *testing.T) {
	t.Parallel()

	files, err := config.Load(config.RBACDir)
	require.NoError(t, err)
	defaults := NewLeaderElectionOptions()
	for _, f := range files {
		if f.Object.GetKind() != "Role" {
			continue
		}
		role := &rbacv1.Role{}
		require.NoError(t, runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, role))
		require.Equal(t, defaults.Namespace, role.Namespace)
		require.Contains(t, role.Rules, rbacv1.PolicyRule{APIGroups: []string{"coordination.k8s.io"}, Resources: []string{"leases"},
			ResourceNames: []string{defaults.Name}, Verbs: []string{"get", "update"}})
		return
	}
	require.Fail(t, "no Role for the Lease under config/rbac")
}
