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

// Package cases holds the heartbeat e2e cases, run by the external package
// (kcp v0.30.0 and the manager with --heartbeat) and by the intree package
// (kcp main with the SyncTargetController and SyncTargetHeartbeat gates).
// Syncers run as processes; a second kcp is the physical cluster.
package cases

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	// Poll is how often the cases look at a SyncTarget: the resolution of
	// every transition time they measure.
	Poll     = 100 * time.Millisecond
	converge = framework.ConvergeTimeout
)

// Env is what the cases run against. KCPRestart replaces KCP, and
// PhysicalClusterDown replaces Physical.
type Env struct {
	KCP                *framework.KCP // holds the SyncTargets
	Physical           *framework.KCP // the physical cluster of every syncer
	PhysicalKubeconfig string         // follows Physical's restarts
	SyncerBin          string
	// Config, when set, gives the admin config instead of KCP (a sharded kcp).
	Config func() (*rest.Config, error)
	// Bind makes a consumer workspace whose SyncTargets are reconciled with
	// heartbeats (out of tree: it also starts the manager) and returns it.
	Bind func(t *testing.T, base *rest.Config) logicalcluster.Path
}

// Fixture is one case's consumer workspace and clients.
type Fixture struct {
	Env      *Env
	Base     *rest.Config
	Client   workloadclientset.ClusterInterface
	Consumer logicalcluster.Path
}

// NewFixture binds a new consumer workspace.
func NewFixture(t *testing.T, env *Env) *Fixture {
	t.Helper()
	f := &Fixture{Env: env}
	f.Connect(t)
	f.Consumer = env.Bind(t, f.Base)
	return f
}

// Connect makes the clients for kcp as it runs now: kcp-admin's token
// changes when kcp restarts.
func (f *Fixture) Connect(t *testing.T) {
	t.Helper()
	config := f.Env.Config
	if config == nil {
		config = f.Env.KCP.BaseConfig
	}
	var err error
	f.Base, err = config()
	require.NoError(t, err)
	f.Client, err = workloadclientset.NewForConfig(f.Base)
	require.NoError(t, err)
}

// CreateSyncTarget creates a valid SyncTarget and returns its syncer's
// kubeconfig, with the least privilege of config/syncer.
func (f *Fixture) CreateSyncTarget(t *testing.T, name string) string {
	t.Helper()
	_, err := f.Client.Cluster(f.Consumer).WorkloadV1alpha1().SyncTargets().Create(t.Context(), &workloadv1alpha1.SyncTarget{
		ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: workloadv1alpha1.SyncTargetSpec{KCPCluster: f.Consumer.String()}},
		metav1.CreateOptions{})
	require.NoError(t, err)
	cfg, err := framework.SyncerConfig(t.Context(), f.Base, f.Consumer, name)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), name+".kubeconfig")
	require.NoError(t, framework.WriteKubeconfig(cfg, path))
	return path
}

// Ready returns the SyncTarget's Ready condition (nil without one) and the object.
func (f *Fixture) Ready(t *testing.T, name string) (*metav1.Condition, *workloadv1alpha1.SyncTarget) {
	t.Helper()
	st, err := f.Client.Cluster(f.Consumer).WorkloadV1alpha1().SyncTargets().Get(t.Context(), name, metav1.GetOptions{})
	require.NoError(t, err)
	return meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition), st
}

// WaitFor polls until Ready has status and reason, and returns when it saw it.
func (f *Fixture) WaitFor(t *testing.T, name string, status metav1.ConditionStatus, reason string, timeout time.Duration) time.Time {
	t.Helper()
	var last *metav1.Condition
	err := wait.PollUntilContextTimeout(t.Context(), Poll, timeout, true, func(ctx context.Context) (bool, error) {
		last, _ = f.Ready(t, name)
		return last != nil && last.Status == status && last.Reason == reason, nil
	})
	require.NoError(t, err, "%s: want Ready=%s (%s), last %+v", name, status, reason, last)
	return time.Now()
}

// RequireStays fails unless Ready keeps status for d.
func (f *Fixture) RequireStays(t *testing.T, name string, status metav1.ConditionStatus, d time.Duration) {
	t.Helper()
	var last *metav1.Condition
	err := wait.PollUntilContextTimeout(t.Context(), Poll, d, true, func(context.Context) (bool, error) {
		last, _ = f.Ready(t, name)
		return last == nil || last.Status != status, nil
	})
	require.ErrorIs(t, err, context.DeadlineExceeded, "Ready left %s: %+v", status, last)
}
