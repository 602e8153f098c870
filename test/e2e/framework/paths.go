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
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

const (
	modulePath = "github.com/kcp-dev/kcp"

	// KCPVersion is the kcp release the e2e tests run against.
	KCPVersion = "v0.30.0"

	// KCPBinEnv names the environment variable that overrides the kcp binary.
	KCPBinEnv = "KCP_BIN"
)

// RepoRoot returns the root of the github.com/kcp-dev/kcp repository. It walks up
// from this source file and, failing that, from the working directory.
func RepoRoot() (string, error) {
	var starts []string
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, start := range starts {
		if root, ok := findModuleRoot(start); ok {
			return root, nil
		}
	}
	return "", fmt.Errorf("no go.mod declaring module %s above %v", modulePath, starts)
}

// KCPBinary returns the kcp binary to run: $KCP_BIN if set, else the one
// hack/build-kcp.sh builds under _output.
func KCPBinary() (string, error) {
	bin := os.Getenv(KCPBinEnv)
	if bin == "" {
		root, err := RepoRoot()
		if err != nil {
			return "", err
		}
		bin = filepath.Join(root, "_output", "kcp-"+KCPVersion, "bin", "kcp")
	}
	return bin, checkBinary(bin)
}

// checkBinary returns an error unless bin is an executable file.
func checkBinary(bin string) error {
	info, err := os.Stat(bin)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("kcp binary not found at %s: run `make kcp` (hack/build-kcp.sh) first", bin)
	case err != nil:
		return fmt.Errorf("kcp binary at %s: %w", bin, err)
	case info.IsDir() || info.Mode().Perm()&0o111 == 0:
		return fmt.Errorf("kcp binary at %s is not an executable file", bin)
	}
	return nil
}

// findModuleRoot walks up from dir to the directory whose go.mod declares modulePath.
func findModuleRoot(dir string) (string, bool) {
	for {
		if isModuleRoot(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isModuleRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) == 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`) == modulePath
		}
	}
	return false
}
