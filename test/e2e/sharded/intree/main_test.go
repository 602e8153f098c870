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

// Package intree runs the in-tree kcp main build (hack/build-kcp-intree.sh:
// its kcp, sharded-test-server, cache-server and front-proxy) as a real
// two-shard kcp with the SyncTargetController and SyncTargetHeartbeat gates
// on: kcp's own way to distribute a controller, each shard process
// reconciling its own logical clusters. No controller runs outside kcp here;
// syncers run as processes, with a kcp v0.30.0 as their physical cluster. The sharded kcp's
// ports are fixed: the framework's lock makes this package and the other
// sharded one take turns, and make runs them one after the other.
package intree

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kcp-dev/kcp/test/e2e/framework"
	"github.com/kcp-dev/kcp/test/e2e/heartbeat/cases"
)

var (
	// kcpServer is the sharded in-tree kcp every test in this package talks to.
	kcpServer *framework.ShardedKCP
	// env has the syncers' binary and physical cluster; its Bind is per test.
	env = &cases.Env{}
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	ctx := context.Background()
	binDir, err := framework.InTreeBinDir(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	dir, err := os.MkdirTemp("", "e2e-sharded-intree-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	if err := setUpSyncers(ctx, dir); err != nil {
		fmt.Fprintln(os.Stderr, "setting up the syncers:", err)
		return 1
	}
	defer func() { _ = env.Physical.Stop() }()
	start := time.Now()
	kcpServer, err = framework.StartShardedKCP(ctx, framework.ShardedOptions{
		BinDir:    binDir,
		ExtraArgs: []string{"--shard-feature-gates=SyncTargetController=true,SyncTargetHeartbeat=true"},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting the sharded in-tree kcp:", err)
		return 1
	}
	env.Config = kcpServer.BaseConfig
	fmt.Printf("sharded in-tree kcp ready in %s\n", time.Since(start).Round(time.Second))
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "sharded-test-server's last lines:\n%s\n", kcpServer.LogTail(30))
	}
	if err := kcpServer.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping the sharded kcp:", err)
		return 1
	}
	return code
}

// setUpSyncers builds the syncer and starts its physical cluster.
func setUpSyncers(ctx context.Context, dir string) error {
	var err error
	if env.SyncerBin, err = framework.BuildSyncer(ctx, dir); err != nil {
		return err
	}
	if env.Physical, err = framework.StartKCP(ctx, filepath.Join(dir, "physical")); err != nil {
		return err
	}
	env.PhysicalKubeconfig, err = env.Physical.AdminKubeconfigFollowingRestarts(dir)
	return err
}
