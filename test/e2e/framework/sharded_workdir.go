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
	"net"
	"os"
	"path/filepath"
	"strconv"
)

// shardedBinDir returns dir, else $KCP_BIN_DIR, else _output/kcp-<version>/bin.
func shardedBinDir(dir string) (string, error) {
	if dir == "" {
		dir = os.Getenv(KCPBinDirEnv)
	}
	if dir == "" {
		root, err := RepoRoot()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(root, "_output", "kcp-"+KCPVersion, "bin")
	}
	return filepath.Abs(dir)
}

// prepareWorkDir works around sharded-test-server's assumptions: it looks for
// a .git directory above its working directory (and panics without one) and
// passes <that dir>/test/e2e/framework/auth-tokens.csv to every shard. The
// ready file of a previous run must go. It returns a directory to put first
// on PATH: it holds kcpBin as "kcp".
func (k *ShardedKCP) prepareWorkDir(kcpBin string) (string, error) {
	binPath := filepath.Join(k.workDir, "bin")
	for _, dir := range []string{filepath.Join(k.workDir, ".git"), filepath.Join(k.workDir, "test", "e2e", "framework"), k.LogDir(), binPath} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return "", err
		}
	}
	tokens := filepath.Join(k.workDir, "test", "e2e", "framework", "auth-tokens.csv")
	if err := os.WriteFile(tokens, nil, 0o600); err != nil {
		return "", err
	}
	if err := os.Remove(k.readyFile()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	link := filepath.Join(binPath, "kcp")
	if err := os.Remove(link); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	abs, err := filepath.Abs(kcpBin)
	if err != nil {
		return "", err
	}
	return binPath, os.Symlink(abs, link)
}

func (k *ShardedKCP) readyFile() string { return filepath.Join(k.workDir, ".kcp", "ready-to-test") }

// portsFree fails when one of the fixed ports is taken: another kcp runs.
func portsFree(ctx context.Context, shards int) error {
	ports := []int{6443, 2379, 2380, 8010, 8011, 8012}
	for i := range shards {
		ports = append(ports, 6444+i)
		if i > 0 {
			ports = append(ports, 2380+2*i-1, 2380+2*i)
		}
	}
	var lc net.ListenConfig
	for _, port := range ports {
		l, err := lc.Listen(ctx, "tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err != nil {
			return fmt.Errorf("port %d, which the sharded kcp needs, is in use: is another kcp running? %w", port, err)
		}
		_ = l.Close()
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
