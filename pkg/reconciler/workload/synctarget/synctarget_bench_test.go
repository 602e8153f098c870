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

package synctarget

import (
	"context"
	"testing"
)

// reconcilePath is what process does between the cache read and the commit:
// one deep copy, then the reconcile.
func reconcilePath(c *controller, cached *SyncTarget) (*SyncTarget, bool) {
	obj := cached.DeepCopy()
	changed, _ := c.reconcile(context.Background(), obj, nil)
	return obj, changed
}

// copySink keeps deep copies alive, so the compiler cannot place them on the
// stack, as it cannot for the copy process hands to reconcile.
var copySink *SyncTarget

func benchCases() map[string]*SyncTarget {
	exports := withExports("root:org:kubernetes", "local-export")
	return map[string]*SyncTarget{
		"no-op":  newSyncTarget("team-a", "st", "root:org:team", exports, withReady(), withCondition(syncerReady)),
		"change": newSyncTarget("team-a", "st", "root:org:team", exports, withGeneration(2), withReady(), withCondition(syncerReady)),
	}
}

// BenchmarkReconcile measures the reconcile path on a SyncTarget whose status
// is already right (no-op) and on one whose generation moved on (change).
// Compare with BenchmarkDeepCopy, the floor of both paths.
func BenchmarkReconcile(b *testing.B) {
	for name, cached := range benchCases() {
		b.Run(name, func(b *testing.B) {
			c := newTestController()
			b.ReportAllocs()
			for b.Loop() {
				_, _ = reconcilePath(c, cached)
			}
		})
	}
}

// BenchmarkDeepCopy is the one copy every reconcile path needs.
func BenchmarkDeepCopy(b *testing.B) {
	cached := benchCases()["no-op"]
	b.ReportAllocs()
	for b.Loop() {
		copySink = cached.DeepCopy()
	}
}
