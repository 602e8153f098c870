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

// Package external runs the heartbeat cases (test/e2e/heartbeat/cases)
// against a real kcp v0.30.0 and the manager with --heartbeat.
package external

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kcp-dev/kcp/test/e2e/framework"
	"github.com/kcp-dev/kcp/test/e2e/heartbeat/cases"
)

var (
	env        = &cases.Env{} // Bind is bindWithManager, set by TestMain
	managerBin string
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	env.Bind = bindWithManager
	dir, err := os.MkdirTemp("", "e2e-heartbeat-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	wg.Go(func() { managerBin, errs[0] = framework.BuildManager(ctx, dir, true) })
	wg.Go(func() { env.SyncerBin, errs[1] = framework.BuildSyncer(ctx, dir) })
	wg.Go(func() { env.KCP, errs[2] = framework.StartKCP(ctx, filepath.Join(dir, "kcp")) })
	wg.Go(func() { env.Physical, errs[3] = framework.StartKCP(ctx, filepath.Join(dir, "physical")) })
	wg.Wait()
	defer cases.StopAll(&env.KCP, &env.Physical)
	for _, err := range errs {
		if err != nil {
			fmt.Fprintln(os.Stderr, "setting up:", err)
			return 1
		}
	}
	if env.PhysicalKubeconfig, err = env.Physical.AdminKubeconfigFollowingRestarts(dir); err != nil {
		fmt.Fprintln(os.Stderr, "setting up:", err)
		return 1
	}
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "last 30 lines of %s:\n%s\n", env.KCP.LogPath(), env.KCP.LogTail(30))
	}
	return code
}
