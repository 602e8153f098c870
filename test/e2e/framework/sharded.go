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
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

// ShardedLockFile is held (flock) while a sharded kcp runs: its ports are
// fixed, so only one may run on a machine, and test binaries take turns.
const ShardedLockFile = "/tmp/kcp-sharded-e2e.lock"

// KCPBinDirEnv names the environment variable that overrides the directory of
// the kcp binaries (kcp, cache-server, kcp-front-proxy, sharded-test-server).
const KCPBinDirEnv = "KCP_BIN_DIR"

// ShardedOptions configure StartShardedKCP. The zero value starts two shards
// with the binaries `make kcp-sharded` builds.
type ShardedOptions struct {
	// WorkDir holds state, logs and kubeconfigs. Empty: a temporary
	// directory that Stop removes.
	WorkDir string
	// BinDir holds sharded-test-server, cache-server, kcp-front-proxy and kcp.
	// Empty: $KCP_BIN_DIR, else _output/kcp-<version>/bin.
	BinDir string
	// KCPBinary, when set, runs as every shard's kcp instead of BinDir/kcp
	// (for example a kcp built with in-tree controllers).
	KCPBinary string
	// Shards is the number of shards, the first one named root, the others
	// shard-1, shard-2...; 0 means 2.
	Shards int
	// ExtraArgs are appended to sharded-test-server's arguments: it passes
	// --shard-X to every shard as --X (e.g. --shard-feature-gates=A=true) and
	// --proxy-X to the front-proxy as --X.
	ExtraArgs []string
}

// ShardedKCP is kcp's sharded-test-server running as a process group of this
// process: a cache server, the shards (each with its virtual workspaces) and
// a front-proxy on https://127.0.0.1:6443.
type ShardedKCP struct {
	opts        ShardedOptions
	workDir     string
	ownsWorkDir bool
	lock        *os.File
	group       *processGroup

	stopOnce sync.Once
	stopErr  error
}

// StartShardedKCP waits for the sharded lock, starts the sharded kcp and
// waits until it is ready. ctx bounds the start only: call Stop to end it.
func StartShardedKCP(ctx context.Context, opts ShardedOptions) (*ShardedKCP, error) {
	if opts.Shards == 0 {
		opts.Shards = 2
	}
	k := &ShardedKCP{opts: opts, workDir: opts.WorkDir}
	if k.workDir == "" {
		dir, err := os.MkdirTemp("", "kcp-sharded-")
		if err != nil {
			return nil, err
		}
		k.workDir, k.ownsWorkDir = dir, true
	}
	if err := k.start(ctx); err != nil {
		if stopErr := k.Stop(); stopErr != nil {
			err = fmt.Errorf("%w (and stopping: %w)", err, stopErr)
		}
		return nil, err
	}
	return k, nil
}

// WorkDir returns the directory holding the state and logs.
func (k *ShardedKCP) WorkDir() string { return k.workDir }

// LogDir returns the directory of the components' logs (kcp-N.log,
// kcp-front-proxy.log, kcp-cache.log, sharded-test-server.log).
func (k *ShardedKCP) LogDir() string { return filepath.Join(k.workDir, "logs") }

// ShardNames returns the names of the shards, root first.
func (k *ShardedKCP) ShardNames() []string {
	names := []string{"root"}
	for i := 1; i < k.opts.Shards; i++ {
		names = append(names, "shard-"+strconv.Itoa(i))
	}
	return names
}

// AdminKubeconfig returns the kcp-admin kubeconfig that talks to the
// front-proxy; its context "root" points at the root workspace.
func (k *ShardedKCP) AdminKubeconfig() string {
	return filepath.Join(k.workDir, ".kcp", "admin.kubeconfig")
}

// BaseConfig returns kcp-admin's config for the front-proxy, without a
// /clusters/ suffix: use it for everything workspace-scoped.
func (k *ShardedKCP) BaseConfig() (*rest.Config, error) {
	return loadBaseConfig(k.AdminKubeconfig(), adminContext)
}

// ShardConfig returns the shard admin's config talking to shard i directly
// (0 is root), without a /clusters/ suffix.
func (k *ShardedKCP) ShardConfig(i int) (*rest.Config, error) {
	return loadBaseConfig(filepath.Join(k.workDir, fmt.Sprintf(".kcp-%d", i), "admin.kubeconfig"), "shard-base")
}

// loadBaseConfig loads context of kubeconfig with the host's /clusters/
// suffix stripped and this package's client limits.
func loadBaseConfig(kubeconfig, context string) (*rest.Config, error) {
	raw, err := clientcmd.LoadFromFile(kubeconfig)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", kubeconfig, err)
	}
	cfg, err := clientcmd.NewNonInteractiveClientConfig(*raw, context, &clientcmd.ConfigOverrides{}, nil).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("%s, context %q: %w", kubeconfig, context, err)
	}
	cfg.Host = BaseHost(cfg.Host)
	cfg.QPS, cfg.Burst = QPS, Burst
	return cfg, nil
}
