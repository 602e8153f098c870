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

// Package sharded holds the e2e tests of the controller manager on a real
// two-shard kcp (sharded-test-server: root and shard-1, a cache server and a
// front-proxy). The controller runs as real processes (bin/synctarget-
// controller, built by TestMain) so that tests can SIGKILL a leader. The
// sharded kcp is shared by the package; each test isolates itself in its own
// provider workspace (its own APIExport, endpoint slice and Lease).
package sharded

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

var (
	// kcpServer is the sharded kcp every test in this package talks to.
	kcpServer *framework.ShardedKCP
	// controllerBin is the controller manager binary built for the tests.
	controllerBin string
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "e2e-sharded-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	if controllerBin, err = buildController(dir); err != nil {
		fmt.Fprintln(os.Stderr, "building the controller:", err)
		return 1
	}

	start := time.Now()
	kcpServer, err = framework.StartShardedKCP(context.Background(), framework.ShardedOptions{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting the sharded kcp:", err)
		return 1
	}
	fmt.Printf("sharded kcp ready in %s (work dir %s)\n", time.Since(start).Round(time.Second), kcpServer.WorkDir())
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "sharded-test-server's last lines:\n%s\n", kcpServer.LogTail(30))
		keepLogs()
	}
	if err := kcpServer.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping the sharded kcp:", err)
		return 1
	}
	return code
}

// keepLogs copies the components' logs out of the work directory, which Stop
// removes, so a failed run can be investigated.
func keepLogs() {
	dst, err := os.MkdirTemp("", "e2e-sharded-logs-")
	if err == nil {
		err = os.CopyFS(dst, os.DirFS(kcpServer.LogDir()))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "keeping the logs:", err)
		return
	}
	fmt.Fprintln(os.Stderr, "the components' logs are kept in", dst)
}

// buildController builds cmd/synctarget-controller into dir.
func buildController(dir string) (string, error) {
	bin := filepath.Join(dir, "synctarget-controller")
	return bin, framework.GoBuild(context.Background(), "./cmd/synctarget-controller", bin)
}
