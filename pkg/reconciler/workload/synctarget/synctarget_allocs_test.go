//go:build !race

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

// The race detector makes sync.Pool drop items at random, so pooled buffers
// (regexp machines, say) allocate under -race: this file is left out there.

package synctarget

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNoopReconcileAllocatesOnlyTheDeepCopy holds the no-op path to its floor:
// whatever the deep copy allocates, and not one allocation more.
//
//nolint:paralleltest // testing.AllocsPerRun panics in a parallel test.
func TestNoopReconcileAllocatesOnlyTheDeepCopy(t *testing.T) {
	cases := benchCases()
	c := newTestController()
	_, changed := reconcilePath(c, cases["no-op"])
	require.False(t, changed, "the no-op case must need no change")
	_, changed = reconcilePath(c, cases["change"])
	require.True(t, changed, "the change case must need a change")

	copyAllocs := testing.AllocsPerRun(100, func() { copySink = cases["no-op"].DeepCopy() })
	noopAllocs := testing.AllocsPerRun(100, func() { _, _ = reconcilePath(c, cases["no-op"]) })
	require.Equal(t, int64(copyAllocs), int64(noopAllocs), "allocations of the no-op reconcile path beyond its deep copy")
}
