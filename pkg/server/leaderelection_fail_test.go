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
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"
	clienttesting "k8s.io/client-go/testing"

	kcptesting "github.com/kcp-dev/client-go/third_party/k8s.io/client-go/testing"
	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"
)

// TestRunElectedExitsWhenTheLeaseIsLost lets the Lease's renewals fail while
// a runner serves: the runners stop and Run fails, so the process exits.
func TestRunElectedExitsWhenTheLeaseIsLost(t *testing.T) {
	t.Parallel()

	vw := newFakeVirtualWorkspace(t, 0)
	leases := newFakeLeases(t)
	var failRenewals atomic.Bool
	leases.PrependReactor("update", "leases", func(clienttesting.Action) (bool, runtime.Object, error) {
		return failRenewals.Load(), nil, errors.New("etcd unavailable")
	})
	cfg := electedConfig(t, nil, leases)
	require.NoError(t, setEndpoints(cfg.KCPClient.(*kcpfakeclientset.ClusterClientset), vw.URL))
	s := newTestServer(cfg)
	_, done := startRun(t, s)
	require.Eventually(t, func() bool { return s.leading.Load() && s.ready() }, waitFor, tick, "leading, the runner synced")

	failRenewals.Store(true)
	err := waitRun(t, done)
	require.ErrorContains(t, err, "lost the leader Lease default/kcp-synctarget-controller")
	require.Empty(t, runningURLs(s.runners), "every runner stopped")
	require.False(t, s.leading.Load())
}

func TestRunElectedFails(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		modify   func(o *Options)
		reactors func(c *kcpfakeclientset.ClusterClientset)
		wantErrs []string
		released bool
	}{
		"the leader cannot bootstrap: it releases the Lease and fails": {
			modify: func(o *Options) { o.Bootstrap = true },
			reactors: func(c *kcpfakeclientset.ClusterClientset) {
				c.PrependReactor("get", "apiresourceschemas", func(kcptesting.Action) (bool, runtime.Object, error) {
					return true, nil, apierrors.NewForbidden(schemasGVR.GroupResource(), "", nil)
				})
			},
			wantErrs: []string{"bootstrapping", "lacks a permission"},
			released: true,
		},
		"timings that client-go refuses": {
			modify: func(o *Options) {
				o.LeaderElection.LeaseDuration, o.LeaderElection.RenewDeadline = time.Second, time.Second
			},
			wantErrs: []string{"leader election:", "leaseDuration must be greater than renewDeadline"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			leases := newFakeLeases(t)
			cfg := electedConfig(t, tc.modify, leases)
			if tc.reactors != nil {
				tc.reactors(cfg.KCPClient.(*kcpfakeclientset.ClusterClientset))
			}
			_, done := startRun(t, newTestServer(cfg))
			err := waitRun(t, done)
			for _, want := range tc.wantErrs {
				require.ErrorContains(t, err, want)
			}
			if tc.released {
				require.Empty(t, holder(t, leases))
			}
		})
	}
}
