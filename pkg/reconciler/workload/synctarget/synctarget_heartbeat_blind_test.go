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
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestBlindness: while the Lease watch fails, every SyncTarget reads as
// blind; when it lists again, every observation's clock restarts then.
func TestBlindness(t *testing.T) {
	t.Parallel()
	clock := testNow
	h := &heartbeats{seen: map[string]observed{}, now: func() time.Time { return clock }}
	h.observe(newLease("st", testNow), false)
	require.Empty(t, h.see(), "not blind: nothing to see again")

	require.True(t, h.blind(), "the first error blinds")
	require.False(t, h.blind(), "later errors change nothing")
	require.Equal(t, &observation{blind: true}, h.get("team-a", "st"))
	require.Equal(t, &observation{blind: true}, h.get("team-a", "unknown"))

	clock = testNow.Add(time.Minute)
	require.Equal(t, []string{"team-a|st"}, h.see())
	got := h.get("team-a", "st")
	require.Equal(t, clock, got.seenAt, "the clock restarts when the controller sees again")
	require.True(t, got.renewed, "what was known is kept")
	require.Empty(t, h.see())
}
