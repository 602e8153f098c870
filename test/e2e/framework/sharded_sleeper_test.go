//go:build linux

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
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// startSleeper runs a copy of sleep named name leading its own process
// group, with a child of the same name.
func startSleeper(t *testing.T, name string) *processGroup {
	t.Helper()
	dir := t.TempDir()
	sleep, err := exec.LookPath("sleep")
	require.NoError(t, err)
	data, err := os.ReadFile(sleep)
	require.NoError(t, err)
	bin, script := filepath.Join(dir, name), filepath.Join(dir, "run.sh")
	require.NoError(t, os.WriteFile(bin, data, 0o700))
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\n\""+bin+"\" 60 &\nexec \""+bin+"\" 60\n"), 0o700))
	g, err := startGroup(script, nil, dir, os.Environ(), filepath.Join(dir, "out.log"))
	require.NoError(t, err)
	t.Cleanup(func() { _ = g.stop() })
	require.Eventually(t, func() bool { // both exec'ed: a forked shell still reads as /bin/sh
		members := groupMembers(g.pgid())
		for _, args := range members {
			if filepath.Base(args[0]) != name {
				return false
			}
		}
		return len(members) == 2
	}, 10*time.Second, 10*time.Millisecond)
	return g
}
