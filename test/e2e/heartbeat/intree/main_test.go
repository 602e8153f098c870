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

// Package intree runs the heartbeat cases (test/e2e/heartbeat/cases) against
// kcp main built with the patch series (hack/build-kcp-intree.sh), with the
// SyncTargetController and SyncTargetHeartbeat gates on: the controller runs
// inside kcp, so a kcp restart is also a controller restart.
package intree

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/test/e2e/framework"
	"github.com/kcp-dev/kcp/test/e2e/heartbeat/cases"
)

const gates = "--feature-gates=SyncTargetController=true,SyncTargetHeartbeat=true"

var env = &cases.Env{Bind: bindRoot}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	bin, err := framework.InTreeKCPBinary(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return cases.Run(m, env, framework.Options{Binary: bin, Args: []string{gates}}, nil)
}

// bindRoot binds root's workload.kcp.io export, which kcp main serves with
// the gate on. The controller reads Leases from kcp's own caches: no claim.
func bindRoot(t *testing.T, base *rest.Config) logicalcluster.Path {
	t.Helper()
	root := logicalcluster.NewPath("root")
	ws := framework.NewWorkspaceForTest(t, base, root, "hb-intree")
	require.NoError(t, framework.BindAPIExport(t.Context(), base, ws, root, framework.ExportName))
	return ws
}

//nolint:paralleltest // It stops the physical cluster every case uses.
func TestPhysicalClusterDown(t *testing.T) { cases.PhysicalClusterDown(t, cases.NewFixture(t, env)) }

//nolint:paralleltest // It restarts the kcp every case uses.
func TestKCPRestartWithinGrace(t *testing.T) { cases.KCPRestart(t, cases.NewFixture(t, env)) }

func TestPrinterColumns(t *testing.T) {
	t.Parallel()
	cases.PrinterColumns(t, cases.NewFixture(t, env))
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	cases.Lifecycle(t, cases.NewFixture(t, env))
}
