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

package main

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestMemoryGoalJudgedPerMode(t *testing.T) {
	t.Parallel()
	const kib = 1024.0
	for name, tc := range map[string]struct {
		inTree bool
		want   []string
	}{
		// Out of tree the manager's RSS grew 4 KiB per target, its heap 1.
		"external judged on RSS": {want: []string{"4.00 KiB RSS per SyncTarget, want <= 3.0"}},
		// In tree the gates cost 2 KiB of live heap per target, 8 of RSS.
		"in tree judged on the live heap": {inTree: true},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			o := &options{n: 100, memExtra: 100, lease: 40 * time.Second, renew: 10 * time.Second, inTree: tc.inTree}
			r := &result{o: o, leaseWritesPerSecond: 10, firstBatch: 50,
				memFirst: memSample{rss: 0, heap: 0}, memAll: memSample{rss: 50 * 4 * kib, heap: 50 * kib},
				memEmpty: map[bool]memSample{false: {}, true: {rss: 5, heap: 5}},
				memFull:  map[bool]memSample{false: {}, true: {rss: 5 + 200*8*kib, heap: 5 + 200*2*kib}},
			}
			require.Equal(t, tc.want, r.misses())
		})
	}
}
