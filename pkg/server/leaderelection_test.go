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
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	coordinationfake "k8s.io/client-go/kubernetes/typed/coordination/v1/fake"
	"k8s.io/utils/ptr"

	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"
)

// electedConfig is testConfig with fast leader election on leases.
func electedConfig(t *testing.T, modify func(o *Options), leases *coordinationfake.FakeCoordinationV1) *Config {
	t.Helper()
	cfg := testConfig(newFakeKCP(endpointSlice(testProvider)), func(o *Options) {
		o.LeaderElection.Enabled = true
		o.LeaderElection.LeaseDuration, o.LeaderElection.RenewDeadline, o.LeaderElection.RetryPeriod =
			2*time.Second, time.Second, 50*time.Millisecond
		if modify != nil {
			modify(o)
		}
	})
	cfg.LeaseClient = leases
	return cfg
}

// lease is the Lease of the default options, held by holder for seconds.
// client-go times a Lease from when it first sees it, not from its renewTime.
func lease(holder string, seconds int32) *coordinationv1.Lease {
	now := time.Now()
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "kcp-synctarget-controller"},
		Spec: coordinationv1.LeaseSpec{
			HolderIdentity:       ptr.To(holder),
			LeaseDurationSeconds: ptr.To(seconds),
			AcquireTime:          &metav1.MicroTime{Time: now},
			RenewTime:            &metav1.MicroTime{Time: now},
		},
	}
}

// holder returns the holder of the default Lease, "" when released.
func holder(t *testing.T, leases *coordinationfake.FakeCoordinationV1) string {
	t.Helper()
	got, err := leases.Leases("default").Get(t.Context(), "kcp-synctarget-controller", metav1.GetOptions{})
	require.NoError(t, err)
	return ptr.Deref(got.Spec.HolderIdentity, "")
}

func TestRunElected(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		existing *coordinationv1.Lease
		wantLead bool
	}{
		"no Lease yet: leads":                     {wantLead: true},
		"another replica holds it: stands by":     {existing: lease("other", 3600), wantLead: false},
		"another replica stopped renewing: leads": {existing: lease("other", 1), wantLead: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			leases := newFakeLeases(t)
			if tc.existing != nil {
				leases = newFakeLeases(t, tc.existing)
			}
			s := newTestServer(electedConfig(t, nil, leases))
			client := s.config.KCPClient.(*kcpfakeclientset.ClusterClientset)
			cancel, done := startRun(t, s)
			baseURL := healthy(t, s)

			if tc.wantLead {
				require.Eventually(t, func() bool { return metric(t, baseURL, "kcp_synctarget_leader") == 1 }, waitFor, tick)
				require.Eventually(t, func() bool { return readyz(t, baseURL) == http.StatusOK }, waitFor, tick)
				require.True(t, strings.HasPrefix(holder(t, leases), hostname(t)+"_"), holder(t, leases))
			} else {
				require.Eventually(t, func() bool { return len(leases.Actions()) >= 3 }, waitFor, tick, "the standby keeps trying")
				require.Equal(t, http.StatusOK, readyz(t, baseURL), "a standby is ready")
				require.Zero(t, metric(t, baseURL, "kcp_synctarget_leader"))
				require.Empty(t, client.Actions(), "a standby does not touch kcp")
				require.Equal(t, "other", holder(t, leases))
			}

			cancel()
			require.NoError(t, waitRun(t, done))
			if tc.wantLead {
				require.Empty(t, holder(t, leases), "the Lease is released on a clean stop")
			}
		})
	}
}

func hostname(t *testing.T) string {
	t.Helper()
	host, err := os.Hostname()
	require.NoError(t, err)
	return host
}
