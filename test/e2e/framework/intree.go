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
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// InTreeBinDir returns the directory of the in-tree kcp binaries that
// hack/build-kcp-intree.sh builds: kcp main with this repository's patch
// series applied (kcp, sharded-test-server, cache-server, kcp-front-proxy).
// It fails unless they were built from the current sources: a stale binary is
// never run.
func InTreeBinDir(ctx context.Context) (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	script := filepath.Join(root, "hack", "build-kcp-intree.sh")
	if out, err := exec.CommandContext(ctx, script, "check").CombinedOutput(); err != nil {
		return "", fmt.Errorf("%s check: %w: %s", script, err, bytes.TrimSpace(out))
	}
	out, err := exec.CommandContext(ctx, script, "bin-dir").Output()
	if err != nil {
		return "", fmt.Errorf("%s bin-dir: %w", script, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// InTreeKCPBinary returns the in-tree kcp binary of InTreeBinDir.
func InTreeKCPBinary(ctx context.Context) (string, error) {
	dir, err := InTreeBinDir(ctx)
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "kcp")
	return bin, checkBinary(bin)
}
