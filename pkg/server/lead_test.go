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
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLeadFollowsTheEndpointSlice drives a running server through kcp's
// slice changes: URLs added, reordered, removed, re-added, the slice deleted.
func TestLeadFollowsTheEndpointSlice(t *testing.T) {
	t.Parallel()

	root, shard1 := newFakeVirtualWorkspace(t, 0), newFakeVirtualWorkspace(t, 2)
	client := newFakeKCP(endpointSlice(testProvider))
	s := newTestServer(testConfig(client, nil))
	cancel, done := startRun(t, s)
	baseURL := healthy(t, s)
	require.Eventually(t, func() bool { return watchingSlices(client) }, waitFor, tick)
	synced := func(vw *fakeVirtualWorkspace) int {
		return metric(t, baseURL, `kcp_synctarget_endpoint_synced{endpoint="`+vw.URL+`"}`)
	}

	steps := []struct {
		name        string
		urls        []string
		serving     []*fakeVirtualWorkspace
		gone        []*fakeVirtualWorkspace
		wantStarted int
	}{
		{name: "a binding on the root shard", urls: []string{root.URL}, serving: []*fakeVirtualWorkspace{root}, gone: []*fakeVirtualWorkspace{shard1}, wantStarted: 1},
		{name: "a binding on shard-1, whose virtual workspace answers 404 at first", urls: []string{shard1.URL, root.URL},
			serving: []*fakeVirtualWorkspace{root, shard1}, wantStarted: 2},
		{name: "the same endpoints in another order", urls: []string{root.URL, shard1.URL}, serving: []*fakeVirtualWorkspace{root, shard1}, wantStarted: 2},
		{name: "the root shard's last binding deleted", urls: []string{shard1.URL}, serving: []*fakeVirtualWorkspace{shard1}, gone: []*fakeVirtualWorkspace{root}, wantStarted: 2},
		{name: "the root shard bound again", urls: []string{shard1.URL, root.URL}, serving: []*fakeVirtualWorkspace{root, shard1}, wantStarted: 3},
		{name: "every binding deleted", gone: []*fakeVirtualWorkspace{root, shard1}, wantStarted: 3},
	}
	for _, step := range steps {
		require.NoError(t, setEndpoints(client, step.urls...), step.name)
		require.Eventually(t, func() bool {
			for _, vw := range step.serving {
				if synced(vw) != 1 {
					return false
				}
			}
			for _, vw := range step.gone {
				if synced(vw) != -1 {
					return false
				}
			}
			return metric(t, baseURL, "kcp_synctarget_endpoint_runners") == len(step.serving)
		}, waitFor, tick, step.name)
		require.Equal(t, step.wantStarted, metric(t, baseURL, "kcp_synctarget_endpoint_runner_starts_total"), step.name)
		require.Equal(t, http.StatusOK, readyz(t, baseURL), step.name)
	}

	require.NoError(t, setEndpoints(client, root.URL))
	require.Eventually(t, func() bool { return synced(root) == 1 }, waitFor, tick)
	require.NoError(t, client.Tracker().Cluster(testProvider).Delete(slicesGVR, "", exportName))
	require.Eventually(t, func() bool { return metric(t, baseURL, "kcp_synctarget_endpoint_runners") == 0 }, waitFor, tick,
		"a deleted slice stops every runner")
	for _, vw := range []*fakeVirtualWorkspace{root, shard1} {
		_, _, inside := vw.counts()
		require.True(t, inside, "every request stays inside the virtual workspace's clusters")
	}
	require.Empty(t, writes(client.Actions()), "following the slice writes nothing to kcp")

	cancel()
	require.NoError(t, waitRun(t, done))
}

// TestLeadIsNotReadyWhileARunnerSyncs keeps one shard's virtual workspace
// failing: the leader stays unready, the other shard serves meanwhile.
func TestLeadIsNotReadyWhileARunnerSyncs(t *testing.T) {
	t.Parallel()

	root, stuck := newFakeVirtualWorkspace(t, 0), newFakeVirtualWorkspace(t, 1<<30)
	client := newFakeKCP(endpointSlice(testProvider, root.URL, stuck.URL))
	s := newTestServer(testConfig(client, func(o *Options) { o.BindAddress = "" }))
	cancel, done := startRun(t, s)

	require.Eventually(t, func() bool {
		endpoints, _, _ := s.runners.snapshot()
		return len(endpoints) == 2 && endpoints[0].synced != endpoints[1].synced
	}, waitFor, tick, "one runner synced, the other retrying")
	require.Eventually(t, func() bool { return stuck.notFoundLeft() < 1<<30-2 }, waitFor, tick, "the stuck endpoint is retried")
	require.False(t, s.ready(), "a leader with an unsynced runner is not ready")
	require.Empty(t, s.HealthAddr())

	cancel()
	require.NoError(t, waitRun(t, done))
	require.False(t, s.leading.Load())
}
