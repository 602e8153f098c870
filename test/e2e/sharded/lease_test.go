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

package sharded

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/leaderelection"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/pkg/server"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// election is the manager's default leader election, passed to the
// replicas flag by flag so that the bounds below derive from what runs.
var election = server.NewLeaderElectionOptions()

func electionArgs() []string {
	return []string{
		"--leader-elect-lease-duration=" + election.LeaseDuration.String(),
		"--leader-elect-renew-deadline=" + election.RenewDeadline.String(),
		"--leader-elect-retry-period=" + election.RetryPeriod.String(),
	}
}

// takeoverBounds bounds the time from the killed leader's last renewTime to
// its successor's acquireTime, both in the Lease. client-go's standby
// counts the lease duration from the moment it saw the last renewal, so it
// can never acquire sooner than the lease duration after that renewal. It
// sees the renewal at its next poll and acquires at the first poll after the
// expiry: polls come at most retryPeriod*(1+JitterFactor) apart, plus their
// own requests, which a working replica completes within the renew deadline
// (a leader that cannot renew within it gives up leading, by design).
func takeoverBounds() (lo, hi time.Duration) {
	poll := time.Duration(float64(election.RetryPeriod) * (1 + leaderelection.JitterFactor))
	return election.LeaseDuration, election.LeaseDuration + 2*poll + election.RenewDeadline
}

// leaseClient reads the manager's Lease in provider.
func leaseClient(t *testing.T, base *rest.Config, provider logicalcluster.Path) func(context.Context) (*coordinationv1.Lease, error) {
	t.Helper()
	kube, err := kubernetes.NewForConfig(framework.ClusterConfig(base, provider))
	require.NoError(t, err)
	return func(ctx context.Context) (*coordinationv1.Lease, error) {
		return kube.CoordinationV1().Leases(election.Namespace).Get(ctx, election.Name, metav1.GetOptions{})
	}
}

// takeover is a change of the Lease's holder, as the Lease records it.
type takeover struct {
	from, to    string
	lastRenewal time.Time // the old holder's last renewTime
	acquired    time.Time // the new holder's acquireTime
	transitions int32     // leaseTransitions after the change
}

func (tk takeover) duration() time.Duration { return tk.acquired.Sub(tk.lastRenewal) }

// waitForTakeover follows the Lease, held by from, until another holder
// acquires it. The old holder's renewals are read while it still holds the
// Lease, so a renewal that landed after the first read is not missed; the
// poll's period does not enter the result, which is the Lease's own times.
func waitForTakeover(t *testing.T, get func(context.Context) (*coordinationv1.Lease, error), from string, timeout time.Duration) takeover {
	t.Helper()
	tk := takeover{from: from}
	var before int32
	var last error
	err := wait.PollUntilContextTimeout(t.Context(), tick, timeout, true, func(ctx context.Context) (bool, error) {
		lease, err := get(ctx)
		if last = err; err != nil {
			return false, nil //nolint:nilerr // Transient; the timeout reports the last error.
		}
		spec := lease.Spec
		require.NotNil(t, spec.HolderIdentity, "the Lease lost its holder")
		require.NotNil(t, spec.RenewTime, "the Lease has no renewTime")
		if *spec.HolderIdentity == from {
			tk.lastRenewal = spec.RenewTime.Time
			before = ptrValue(spec.LeaseTransitions)
			return false, nil
		}
		require.NotNil(t, spec.AcquireTime, "the new holder set no acquireTime")
		tk.to, tk.acquired, tk.transitions = *spec.HolderIdentity, spec.AcquireTime.Time, ptrValue(spec.LeaseTransitions)
		return true, nil
	})
	require.NoError(t, err, "nobody took the Lease over from %s (last error reading it: %v)", from, last)
	require.False(t, tk.lastRenewal.IsZero(), "the Lease was taken over before it was read with its old holder")
	require.Equal(t, before+1, tk.transitions, "leaseTransitions counts one take-over")
	return tk
}

func ptrValue(p *int32) int32 {
	if p == nil {
		return 0
	}
	return *p
}
