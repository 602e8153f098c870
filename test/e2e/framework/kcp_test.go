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

package framework_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

func TestRepoRoot(t *testing.T) {
	t.Parallel()

	root, err := framework.RepoRoot()
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(root, "go.mod"))
	require.DirExists(t, filepath.Join(root, "test", "e2e", "framework"))
}

func TestKCPBinaryMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-kcp")
	t.Setenv(framework.KCPBinEnv, missing)

	_, err := framework.KCPBinary()
	require.EqualError(t, err, "kcp binary not found at "+missing+": run `make kcp` (hack/build-kcp.sh) first")
}

func TestStartKCPProcessExits(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "fake-kcp")
	require.NoError(t, os.WriteFile(bin, []byte("#!/bin/sh\necho \"fake kcp: $1 refused\"\nexit 3\n"), 0o700))
	t.Setenv(framework.KCPBinEnv, bin)

	_, err := framework.StartKCP(t.Context(), filepath.Join(dir, "root"))
	require.ErrorContains(t, err, "kcp exited before it was ready (exit status 3)")
	require.ErrorContains(t, err, "fake kcp: start refused")
}

func TestRandomName(t *testing.T) {
	t.Parallel()

	label := regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	for _, prefix := range []string{"", "Consumer", "a-", strings.Repeat("x", 80)} {
		name := framework.RandomName(prefix)
		require.Regexp(t, label, name, "prefix %q", prefix)
		require.NotEqual(t, name, framework.RandomName(prefix))
	}
}

// TestKCPVersionMatchesBuildScript keeps the framework's default binary path
// in step with hack/build-kcp.sh, the one place that pins the kcp version.
func TestKCPVersionMatchesBuildScript(t *testing.T) {
	t.Parallel()

	root, err := framework.RepoRoot()
	require.NoError(t, err)
	script, err := os.ReadFile(filepath.Join(root, "hack", "build-kcp.sh"))
	require.NoError(t, err)
	require.Contains(t, string(script), `KCP_VERSION="`+framework.KCPVersion+`"`)
}
