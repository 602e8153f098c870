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

package framework

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// shardedStartTimeout bounds a start: a cold one took 40-52 s here.
const shardedStartTimeout = 4 * time.Minute

// shardedPidFile records the running group's id, so that the next start can
// end a group that a killed test binary left behind.
const shardedPidFile = "/tmp/kcp-sharded-e2e.pgid"

func (k *ShardedKCP) start(ctx context.Context) error {
	binDir, err := shardedBinDir(k.opts.BinDir)
	if err != nil {
		return err
	}
	kcpBin := k.opts.KCPBinary
	if kcpBin == "" {
		kcpBin = filepath.Join(binDir, "kcp")
	}
	for _, bin := range []string{filepath.Join(binDir, "sharded-test-server"), filepath.Join(binDir, "cache-server"),
		filepath.Join(binDir, "kcp-front-proxy"), kcpBin} {
		if _, err := os.Stat(bin); err != nil {
			return fmt.Errorf("%w: run `make kcp-sharded` (hack/build-kcp.sh) first", err)
		}
	}
	if k.lock, err = acquireLock(ctx, ShardedLockFile); err != nil {
		return err
	}
	if err := endStaleGroup(shardedPidFile); err != nil {
		return err
	}
	if err := portsFree(ctx, k.opts.Shards); err != nil {
		return err
	}
	binPath, err := k.prepareWorkDir(kcpBin)
	if err != nil {
		return err
	}
	args := append([]string{"--number-of-shards=" + strconv.Itoa(k.opts.Shards), "--work-dir-path=" + k.workDir,
		"--log-dir-path=" + k.LogDir(), "--quiet"}, k.opts.ExtraArgs...)
	env := append(os.Environ(), "NO_GORUN=1", "UNSAFE_E2E_HACK_DISABLE_ETCD_FSYNC=true",
		"PATH="+binPath+string(os.PathListSeparator)+binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	k.group, err = startGroup(filepath.Join(binDir, "sharded-test-server"), args, k.workDir, env,
		filepath.Join(k.LogDir(), "sharded-test-server.log"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(shardedPidFile, []byte(strconv.Itoa(k.group.pgid())), 0o600); err != nil {
		return err
	}
	return k.waitReady(ctx)
}

// waitReady waits for the ready file and then for the front-proxy to serve.
func (k *ShardedKCP) waitReady(ctx context.Context) error {
	var last error
	err := wait.PollUntilContextTimeout(ctx, 500*time.Millisecond, shardedStartTimeout, true, func(ctx context.Context) (bool, error) {
		if k.group.hasExited() {
			return false, fmt.Errorf("sharded-test-server exited before it was ready (%v); last lines of %s:\n%s",
				k.group.err(), k.group.logPath, k.group.logTail(30))
		}
		if !fileExists(k.readyFile()) {
			last = errors.New("no " + k.readyFile() + " yet")
			return false, nil
		}
		base, err := k.BaseConfig()
		if err == nil {
			err = get(ctx, base, "/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces?limit=1")
		}
		last = err
		return err == nil, nil
	})
	if err != nil {
		return fmt.Errorf("sharded kcp not ready (last: %v): %w", last, err)
	}
	return nil
}
