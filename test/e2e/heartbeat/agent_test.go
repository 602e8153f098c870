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

package heartbeat

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// agent is one syncer's settings.
type agent struct {
	kubeconfig, syncTarget string
	renew, lease, skew     time.Duration
}

// start runs the syncer; the cleanup kills it if the test did not.
func (a agent) start(t *testing.T, name string) *framework.Manager {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	s, err := framework.StartManager(t.Context(), syncerBin, logPath, "--kubeconfig="+a.kubeconfig,
		"--physical-kubeconfig="+physicalKubeconfig, "--sync-target-name="+a.syncTarget, "--identity="+name,
		"--renew-interval="+a.renew.String(), "--lease-duration="+a.lease.String(), "--clock-skew="+a.skew.String())
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last 20 lines of %s:\n%s", logPath, s.LogTail(20))
		}
		_ = s.Kill()
	})
	return s
}

// lastRenewal is the time of the Lease's last renewal by the test's clock:
// its renewTime less the agent's skew. The zero time if it has none.
func (f *fixture) lastRenewal(t *testing.T, a agent) time.Time {
	t.Helper()
	kube, err := kubernetes.NewForConfig(framework.ClusterConfig(f.base, f.consumer))
	require.NoError(t, err)
	lease, err := kube.CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace).Get(t.Context(),
		workloadv1alpha1.HeartbeatLeaseName(a.syncTarget), metav1.GetOptions{})
	require.NoError(t, err)
	if lease.Spec.RenewTime == nil {
		return time.Time{}
	}
	return lease.Spec.RenewTime.Add(-a.skew)
}
