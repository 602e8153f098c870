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

package cases

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// Agent is one syncer's settings.
type Agent struct {
	Kubeconfig, SyncTarget string
	Renew, Lease, Skew     time.Duration
}

// Start runs the syncer; the cleanup kills it if the test did not.
func (a Agent) Start(t *testing.T, env *Env, name string) *framework.Manager {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	s, err := framework.StartManager(t.Context(), env.SyncerBin, logPath, "--kubeconfig="+a.Kubeconfig,
		"--physical-kubeconfig="+env.PhysicalKubeconfig, "--sync-target-name="+a.SyncTarget, "--identity="+name,
		"--renew-interval="+a.Renew.String(), "--lease-duration="+a.Lease.String(), "--clock-skew="+a.Skew.String())
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last 20 lines of %s:\n%s", logPath, s.LogTail(20))
		}
		_ = s.Kill()
	})
	return s
}

// LastRenewal is the time of the Lease's last renewal by the test's clock:
// its renewTime less the agent's skew. The zero time if it has none.
func (f *Fixture) LastRenewal(t *testing.T, a Agent) time.Time {
	t.Helper()
	kube, err := kubernetes.NewForConfig(framework.ClusterConfig(f.Base, f.Consumer))
	require.NoError(t, err)
	lease, err := kube.CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace).Get(t.Context(),
		workloadv1alpha1.HeartbeatLeaseName(a.SyncTarget), metav1.GetOptions{})
	require.NoError(t, err)
	if lease.Spec.RenewTime == nil {
		return time.Time{}
	}
	return lease.Spec.RenewTime.Add(-a.Skew)
}

// WaitRenewal polls the Lease until it is renewed after since, and returns
// that renewal's time by the test's clock.
func (f *Fixture) WaitRenewal(t *testing.T, a Agent, since time.Time) time.Time {
	t.Helper()
	var renewed time.Time
	err := wait.PollUntilContextTimeout(t.Context(), Poll/2, converge, true, func(context.Context) (bool, error) {
		renewed = f.LastRenewal(t, a)
		return renewed.After(since), nil
	})
	require.NoError(t, err, "no renewal after %s", since)
	return renewed
}
