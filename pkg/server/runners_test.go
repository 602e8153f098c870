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

package server

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/util/sets"
)

func TestRunnerSetFollowsTheEndpoints(t *testing.T) {
	t.Parallel()

	f := newFakeServe()
	rs := newTestRunnerSet(t, f)
	steps := []struct {
		name        string
		urls        []string
		want        []string
		wantStarted int64
	}{
		{name: "empty slice: idle", want: nil, wantStarted: 0},
		{name: "a binding on one shard", urls: []string{urlA}, want: []string{urlA}, wantStarted: 1},
		{name: "a second shard", urls: []string{urlB, urlA}, want: []string{urlA, urlB}, wantStarted: 2},
		{name: "same set, other order: nothing changes", urls: []string{urlA, urlB}, want: []string{urlA, urlB}, wantStarted: 2},
		{name: "the first shard lost its last binding", urls: []string{urlB}, want: []string{urlB}, wantStarted: 2},
		{name: "re-added", urls: []string{urlB, urlA}, want: []string{urlA, urlB}, wantStarted: 3},
		{name: "every binding gone", want: nil, wantStarted: 3},
	}
	for _, step := range steps {
		rs.update(t.Context(), sets.New(step.urls...))
		require.Eventually(t, func() bool { return slices.Equal(step.want, f.serving()) }, waitFor, tick,
			"%s: want %v serving, got %v", step.name, step.want, f.serving())
		require.ElementsMatch(t, step.want, runningURLs(rs), step.name)
		_, _, started := rs.snapshot()
		require.Equal(t, step.wantStarted, started, step.name)
		require.True(t, rs.synced(), step.name)
	}
	require.Equal(t, 2, f.callsOf(urlA), "one serve per start: no retries")

	rs.update(t.Context(), sets.New(urlA))
	require.Eventually(t, func() bool { return slices.Equal([]string{urlA}, f.serving()) }, waitFor, tick)
	rs.stopAll()
	require.Empty(t, f.serving(), "stopAll returns once every runner stopped")
	rs.update(t.Context(), sets.New(urlA, urlB))
	require.Empty(t, runningURLs(rs), "no runner starts after stopAll")
}

func TestRunnerSetRetriesAnEndpointUntilItServes(t *testing.T) {
	t.Parallel()

	f := newFakeServe()
	gate := make(chan struct{})
	f.gates[urlA] = gate
	rs := newTestRunnerSet(t, f)

	rs.update(t.Context(), sets.New(urlA, urlB))
	require.Eventually(t, func() bool { return f.callsOf(urlA) >= 3 }, waitFor, tick, "the failing endpoint is retried")
	require.Equal(t, []string{urlB}, f.serving(), "the other shard serves meanwhile")
	require.False(t, rs.synced(), "not synced while an endpoint fails")
	endpoints, _, _ := rs.snapshot()
	require.Equal(t, []endpointStats{{url: urlA}, {url: urlB, synced: true}}, endpoints)

	close(gate)
	require.Eventually(t, rs.synced, waitFor, tick, "synced once the endpoint serves")
	require.Equal(t, []string{urlA, urlB}, f.serving())
}

func TestRunnerSetKeepsTheCountsOfStoppedRunners(t *testing.T) {
	t.Parallel()

	f := newFakeServe()
	f.stats[urlA] = &fakeStats{readyWrites: 2, notReadyWrites: 1, conflicts: 1}
	f.stats[urlB] = &fakeStats{readyWrites: 3}
	rs := newTestRunnerSet(t, f)

	rs.update(t.Context(), sets.New(urlA, urlB))
	require.Eventually(t, func() bool { return len(f.serving()) == 2 }, waitFor, tick)
	_, total, _ := rs.snapshot()
	require.Equal(t, counters{readyWrites: 5, notReadyWrites: 1, conflicts: 1}, total)

	rs.update(t.Context(), sets.New(urlB))
	require.Eventually(t, func() bool { return slices.Equal([]string{urlB}, f.serving()) }, waitFor, tick)
	endpoints, total, _ := rs.snapshot()
	require.Equal(t, []endpointStats{{url: urlB, synced: true, stats: f.stats[urlB]}}, endpoints)
	require.Equal(t, counters{readyWrites: 5, notReadyWrites: 1, conflicts: 1}, total, "counters never go down")
}

func TestRunnerSetIgnoresUpdatesOnceStopping(t *testing.T) {
	t.Parallel()

	f := newFakeServe()
	rs := newTestRunnerSet(t, f)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rs.update(ctx, sets.New(urlA))
	require.Empty(t, runningURLs(rs))
	require.Zero(t, f.callsOf(urlA))
}
