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
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAcquireLockWaitsForTheHolder(t *testing.T) {
	t.Parallel()

	path := filepath.Join(t.TempDir(), "lock")
	held, err := acquireLock(t.Context(), path)
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(t.Context(), 700*time.Millisecond)
	t.Cleanup(cancel)
	_, err = acquireLock(ctx, path)
	require.ErrorContains(t, err, "held by another sharded kcp")

	require.NoError(t, releaseLock(held))
	again, err := acquireLock(t.Context(), path)
	require.NoError(t, err, "free again once released")
	require.NoError(t, errors.Join(releaseLock(again), releaseLock(nil)))
}

func TestPrepareWorkDir(t *testing.T) {
	t.Parallel()

	k := &ShardedKCP{workDir: t.TempDir()}
	require.NoError(t, os.MkdirAll(filepath.Join(k.workDir, ".kcp"), 0o750))
	require.NoError(t, os.WriteFile(k.readyFile(), nil, 0o600))
	for range 2 { // A second start reuses the directory.
		binPath, err := k.prepareWorkDir("/opt/kcp/bin/kcp")
		require.NoError(t, err)
		require.DirExists(t, filepath.Join(k.workDir, ".git"), "sharded-test-server panics without a .git above it")
		require.FileExists(t, filepath.Join(k.workDir, "test", "e2e", "framework", "auth-tokens.csv"))
		require.NoFileExists(t, k.readyFile(), "a stale ready file would end the wait at once")
		target, err := os.Readlink(filepath.Join(binPath, "kcp"))
		require.NoError(t, err)
		require.Equal(t, "/opt/kcp/bin/kcp", target)
	}
}

func TestProcessGroupStopEndsEveryMember(t *testing.T) {
	t.Parallel()

	g := startSleeper(t, "kcp")
	require.NoError(t, g.stop())
	require.True(t, g.hasExited() && !groupAlive(g.pgid()), "every member of the group ended")
}

func TestEndStaleGroup(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		content  func(t *testing.T) string
		wantErr  string
		wantGone bool
	}{
		"no file":            {},
		"garbage is removed": {content: func(*testing.T) string { return "not a pid" }, wantGone: true},
		"a left-behind sharded kcp is killed": {
			content:  func(t *testing.T) string { t.Helper(); return strconv.Itoa(startSleeper(t, "kcp-front-proxy").pgid()) },
			wantGone: true,
		},
		"someone else's group is left alone": {
			content: func(t *testing.T) string { t.Helper(); return strconv.Itoa(startSleeper(t, "postgres").pgid()) },
			wantErr: "not a sharded kcp",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			path := filepath.Join(t.TempDir(), "pgid")
			var pgid int
			if tc.content != nil {
				content := tc.content(t)
				pgid, _ = strconv.Atoi(content)
				require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
			}
			err := endStaleGroup(path)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				require.True(t, groupAlive(pgid))
				return
			}
			require.NoError(t, err)
			require.NoFileExists(t, path)
			if pgid > 0 {
				require.False(t, groupAlive(pgid))
			}
		})
	}
}

func TestTailFile(t *testing.T) {
	t.Parallel()

	path := filepath.Join(t.TempDir(), "log")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join([]string{"one", "two", "three", "four", "five\n"}, "\n")), 0o600))
	require.Equal(t, "three\nfour\nfive", tailFile(path, 3))
	require.Contains(t, tailFile(filepath.Join(t.TempDir(), "missing"), 3), "cannot read")
}
