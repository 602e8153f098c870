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
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// Run is a heartbeat suite's TestMain: in a temporary directory it builds
// the syncer, starts kcp with opts and the physical cluster, and runs setUp
// (nil for none), all at once; then it runs the tests and stops both kcps.
func Run(m *testing.M, env *Env, opts framework.Options, setUp func(ctx context.Context, dir string) error) int {
	dir, err := os.MkdirTemp("", "e2e-heartbeat-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() { _ = os.RemoveAll(dir) }()
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	wg.Go(func() { env.SyncerBin, errs[0] = framework.BuildSyncer(ctx, dir) })
	wg.Go(func() { env.KCP, errs[1] = framework.StartKCPWithOptions(ctx, filepath.Join(dir, "kcp"), opts) })
	wg.Go(func() { env.Physical, errs[2] = framework.StartKCP(ctx, filepath.Join(dir, "physical")) })
	if setUp != nil {
		wg.Go(func() { errs[3] = setUp(ctx, dir) })
	}
	wg.Wait()
	defer StopAll(&env.KCP, &env.Physical)
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

// StopAll stops the kcp servers that started, as they are when it runs
// (the cases replace a restarted one).
func StopAll(servers ...**framework.KCP) {
	for _, k := range servers {
		if *k != nil {
			_ = (*k).Stop()
		}
	}
}
