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
	"os/exec"
)

// CoverDirEnv names the directory where the binaries e2e tests build and run
// write their coverage data; `make test` sets it. Unset, binaries are built
// without coverage.
const CoverDirEnv = "E2E_GOCOVERDIR"

// GoBuild builds the package pkg of this repository (e.g. "./cmd/x") into the
// file out, with flags (e.g. "-race"), and with coverage of this module's
// packages when CoverDirEnv is set.
func GoBuild(ctx context.Context, pkg, out string, flags ...string) error {
	root, err := RepoRoot()
	if err != nil {
		return err
	}
	args := append([]string{"build", "-o", out}, flags...)
	if os.Getenv(CoverDirEnv) != "" {
		// atomic whether or not -race is among flags: covdata cannot merge mixed modes.
		args = append(args, "-cover", "-covermode=atomic", "-coverpkg="+modulePath+"/...")
	}
	cmd := exec.CommandContext(ctx, "go", append(args, pkg)...)
	cmd.Dir = root
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w: %s", pkg, err, output)
	}
	return nil
}

// BinaryEnv is the environment for a binary GoBuild built: this process's,
// plus GOCOVERDIR when coverage is collected.
func BinaryEnv() []string {
	env := os.Environ()
	if dir := os.Getenv(CoverDirEnv); dir != "" {
		env = append(env, "GOCOVERDIR="+dir)
	}
	return env
}
