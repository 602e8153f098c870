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

package hack_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// cacheShell runs script after sourcing hack/cache.sh, with the cache in cache.
func cacheShell(t *testing.T, cache, script string) (string, error) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "bash", "-euo", "pipefail", "-c", `source cache.sh; eval "${CACHE_SCRIPT}"`)
	cmd.Env = append(os.Environ(), "KCP_TMC_CACHE="+cache, "CACHE_SCRIPT="+script)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestCacheRestoresWhatWasStored(t *testing.T) {
	t.Parallel()

	dir := t.TempDir()
	cache, built, fresh := filepath.Join(dir, "cache"), filepath.Join(dir, "built"), filepath.Join(dir, "clone", "bin")
	require.NoError(t, os.MkdirAll(built, 0o750))
	for _, name := range []string{"kcp", "cache-server"} {
		require.NoError(t, os.WriteFile(filepath.Join(built, name), []byte("binary "+name), 0o700))
	}

	out, err := cacheShell(t, cache, "cache_restore kcp-x "+fresh+" kcp")
	require.Error(t, err, "an empty cache restores nothing: %s", out)
	require.NoDirExists(t, fresh)

	out, err = cacheShell(t, cache, "cache_store kcp-x "+built+" kcp cache-server")
	require.NoError(t, err, out)
	out, err = cacheShell(t, cache, "cache_restore kcp-x "+fresh+" kcp cache-server")
	require.NoError(t, err, out)
	require.Contains(t, out, "restored kcp cache-server from "+cache+"/kcp-x")
	for _, name := range []string{"kcp", "cache-server"} {
		data, err := os.ReadFile(filepath.Join(fresh, name))
		require.NoError(t, err)
		require.Equal(t, "binary "+name, string(data))
		info, err := os.Stat(filepath.Join(fresh, name))
		require.NoError(t, err)
		require.NotZero(t, info.Mode()&0o100, "%s stays executable", name)
	}

	out, err = cacheShell(t, cache, "cache_restore kcp-x "+filepath.Join(dir, "other")+" kcp sharded-test-server")
	require.Error(t, err, "a binary the cache lacks fails the whole restore: %s", out)
	require.NoDirExists(t, filepath.Join(dir, "other"), "and copies nothing")

	out, err = cacheShell(t, cache, "cache_restore kcp-y "+filepath.Join(dir, "other")+" kcp")
	require.Error(t, err, "another key is another entry: %s", out)
}

func TestCacheIgnoresAnInterruptedStore(t *testing.T) {
	t.Parallel()

	cache := t.TempDir()
	entry := filepath.Join(cache, "kcp-x")
	require.NoError(t, os.MkdirAll(entry, 0o750))
	require.NoError(t, os.WriteFile(filepath.Join(entry, "kcp"), []byte("half"), 0o700))
	out, err := cacheShell(t, cache, "cache_restore kcp-x "+filepath.Join(cache, "out")+" kcp")
	require.Error(t, err, "an entry without its completion mark is not restored: %s", out)
}
