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

// Package synctarget holds the e2e tests of the SyncTarget controller. They
// share one real kcp process; each test isolates itself in its own provider
// workspace (its own APIExport and virtual workspace) and consumer workspaces.
package synctarget

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// kcpServer is the kcp process every test in this package talks to.
var kcpServer *framework.KCP

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "e2e-synctarget-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintln(os.Stderr, "removing kcp's directory:", err)
		}
	}()

	kcpServer, err = framework.StartKCP(context.Background(), dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting kcp:", err)
		return 1
	}
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "last 50 lines of %s:\n%s\n", kcpServer.LogPath(), kcpServer.LogTail(50))
	}
	if err := kcpServer.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping kcp:", err)
		return 1
	}
	return code
}
