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

package demo

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// CoverDirEnv names the directory where binaries that e2e tests build and run
// write their coverage data (GOCOVERDIR); `make test` sets it. Unset, the
// binaries are built without coverage.
const CoverDirEnv = "E2E_GOCOVERDIR"

// buildDemo builds hack/demo, with coverage of this module's packages when
// CoverDirEnv is set.
func buildDemo(t *testing.T) string {
	t.Helper()
	root, err := framework.RepoRoot()
	require.NoError(t, err)
	bin := filepath.Join(t.TempDir(), "synctarget-demo")
	args := []string{"build", "-o", bin}
	if os.Getenv(CoverDirEnv) != "" {
		args = append(args, "-cover", "-coverpkg=github.com/kcp-dev/kcp/...")
	}
	cmd := exec.CommandContext(t.Context(), "go", append(args, "./hack/demo")...)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "building the demo: %s", out)
	return bin
}

// demoEnv is the demo's environment: this one, plus GOCOVERDIR when coverage
// is collected.
func demoEnv() []string {
	env := os.Environ()
	if dir := os.Getenv(CoverDirEnv); dir != "" {
		env = append(env, "GOCOVERDIR="+dir)
	}
	return env
}
