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
	"testing"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
)

// StartKCPForTest starts kcp in a temporary directory. Cleanup stops it and, if
// the test failed, logs the last 50 lines of its log first.
func StartKCPForTest(t testing.TB) *KCP {
	t.Helper()
	return StartKCPWithOptionsForTest(t, Options{})
}

// StartKCPWithOptionsForTest is StartKCPForTest with a chosen binary and flags.
func StartKCPWithOptionsForTest(t testing.TB, opts Options) *KCP {
	t.Helper()
	k, err := StartKCPWithOptions(t.Context(), t.TempDir(), opts)
	if err != nil {
		t.Fatalf("starting kcp: %v", err)
	}
	// Registered after t.TempDir, so it runs before the directory is removed.
	stopAtCleanup(t, k)
	return k
}

// RestartKCPForTest restarts k on its root directory (see KCP.Restart) and
// returns the new server, which cleanup stops.
func RestartKCPForTest(t testing.TB, k *KCP) *KCP {
	t.Helper()
	next, err := k.Restart(t.Context())
	if err != nil {
		t.Fatalf("restarting kcp: %v", err)
	}
	stopAtCleanup(t, next)
	return next
}

func stopAtCleanup(t testing.TB, k *KCP) {
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("last 50 lines of %s:\n%s", k.LogPath(), k.LogTail(50))
		}
		if err := k.Stop(); err != nil {
			t.Errorf("stopping kcp: %v", err)
		}
	})
}

// NewWorkspaceForTest creates a Ready workspace in parent named prefix plus a
// random suffix and returns its path.
func NewWorkspaceForTest(t testing.TB, base *rest.Config, parent logicalcluster.Path, prefix string) logicalcluster.Path {
	t.Helper()
	path, err := CreateWorkspace(t.Context(), base, parent, RandomName(prefix))
	if err != nil {
		t.Fatalf("creating workspace: %v", err)
	}
	return path
}

// SumForTest is ms.Sum for assertions: the test fails when no sample matches.
func SumForTest(t testing.TB, ms Metrics, name string, match map[string]string) float64 {
	t.Helper()
	v, err := ms.Sum(name, match)
	if err != nil {
		t.Fatalf("reading %s: %v", name, err)
	}
	return v
}
