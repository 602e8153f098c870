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

package faults

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

const (
	// converge bounds waits for the manager.
	converge = framework.ConvergeTimeout
	// quiet is how long a converged system must stay free of writes.
	quiet = 5 * time.Second
)

// fixture is one test's provider workspace with its own APIExport, the
// consumer workspaces bound to it, and a recorder watching its virtual
// workspace.
type fixture struct {
	base      *rest.Config
	client    workloadclientset.ClusterInterface // through the workspaces, as a user
	vwClient  workloadclientset.ClusterInterface // through the virtual workspace
	provider  logicalcluster.Path
	consumers []logicalcluster.Path
	rec       *framework.Recorder
	identity  string // the manager's kubeconfig
	managers  int
}

func newFixture(t *testing.T, k *framework.KCP, consumers int) *fixture {
	t.Helper()
	f := &fixture{}
	var err error
	f.base, err = k.BaseConfig()
	require.NoError(t, err)
	f.client, err = workloadclientset.NewForConfig(f.base)
	require.NoError(t, err)
	root := logicalcluster.NewPath("root")
	f.provider = framework.NewWorkspaceForTest(t, f.base, root, "faults-provider")
	require.NoError(t, framework.CreateExport(t.Context(), f.base, f.provider))
	for range consumers {
		ws := framework.NewWorkspaceForTest(t, f.base, root, "faults-consumer")
		require.NoError(t, framework.BindAPIExport(t.Context(), f.base, ws, f.provider, framework.ExportName))
		f.consumers = append(f.consumers, ws)
	}
	url, err := framework.VirtualWorkspaceURL(t.Context(), f.base, f.provider)
	require.NoError(t, err)
	vw := framework.VirtualWorkspaceConfig(f.base, url)
	f.vwClient, err = workloadclientset.NewForConfig(vw)
	require.NoError(t, err)
	f.rec, err = framework.StartRecorder(t.Context(), vw)
	require.NoError(t, err)
	// kcp-admin, through a token file that follows kcp restarts. Not the
	// least-privilege ServiceAccount: kcp v0.30.0's APIExport virtual
	// workspace appends to the Extra map of the authenticated user, which
	// its token cache shares between requests, so concurrent requests of one
	// ServiceAccount can crash kcp ("concurrent map writes", build.go:152).
	f.identity, err = k.AdminKubeconfigFollowingRestarts(t.TempDir())
	require.NoError(t, err)
	return f
}

// load describes count SyncTargets spread over the fixture's consumers.
func (f *fixture) load(prefix string, count, parallelism int) framework.Load {
	return framework.Load{Workspaces: f.consumers, Prefix: prefix, Count: count, Parallelism: parallelism}
}

// startManager runs the manager process with its default flags plus args
// on the fixture's provider and waits until it leads and its caches synced. The cleanup stops it
// and shows its log tail if the test failed.
func (f *fixture) startManager(t *testing.T, args ...string) *framework.Manager {
	t.Helper()
	f.managers++
	logPath := filepath.Join(t.TempDir(), fmt.Sprintf("manager-%d.log", f.managers))
	m, err := framework.StartManager(t.Context(), managerBin, logPath, append([]string{
		"--kubeconfig=" + f.identity, "--provider-workspace=" + f.provider.String(),
	}, args...)...)
	require.NoError(t, err)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last 40 lines of %s:\n%s", logPath, m.LogTail(40))
		}
		_ = m.Stop()
	})
	require.NoError(t, m.WaitServing(t.Context(), converge))
	return m
}

// requireQuiet asserts that nobody writes a SyncTarget for a while.
func (f *fixture) requireQuiet(t *testing.T) {
	t.Helper()
	before := f.rec.Totals().Writes
	time.Sleep(quiet) // A window in which nothing may happen, not a wait for something.
	require.Equal(t, before, f.rec.Totals().Writes, "writes while everything was converged")
}
