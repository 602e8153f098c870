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

// Package faults runs the controller manager as a process against a real kcp
// and breaks things while it works: kcp restarted (SIGTERM) and killed
// (SIGKILL) mid-run, the manager killed mid-run, a competing status writer,
// and mass deletes during reconciliation.
package faults

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

var (
	// kcpServer is shared by the tests that do not restart kcp.
	kcpServer *framework.KCP
	// managerBin is cmd/synctarget-controller built with the race detector.
	managerBin string
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "e2e-faults-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()

	// Building the manager and starting kcp take a while each: overlap them.
	ctx := context.Background()
	var wg sync.WaitGroup
	var buildErr, kcpErr error
	wg.Go(func() { managerBin, buildErr = framework.BuildManager(ctx, dir, true) })
	wg.Go(func() { kcpServer, kcpErr = framework.StartKCP(ctx, filepath.Join(dir, "kcp")) })
	wg.Wait()
	if kcpServer != nil {
		defer func() {
			if err := kcpServer.Stop(); err != nil {
				fmt.Fprintln(os.Stderr, "stopping kcp:", err)
			}
		}()
	}
	if buildErr != nil || kcpErr != nil {
		fmt.Fprintln(os.Stderr, "setting up:", buildErr, kcpErr)
		return 1
	}
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "last 50 lines of %s:\n%s\n", kcpServer.LogPath(), kcpServer.LogTail(50))
	}
	return code
}
