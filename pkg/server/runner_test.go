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
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/util/sets"
)

func TestServeEndpointRetriesUntilTheVirtualWorkspaceServes(t *testing.T) {
	t.Parallel()

	vw := newFakeVirtualWorkspace(t, 3)
	s := newTestServer(testConfig(newFakeKCP(), nil))
	t.Cleanup(s.runners.stopAll)

	s.runners.update(t.Context(), sets.New(vw.URL))
	require.Eventually(t, s.runners.synced, waitFor, tick, "the runner syncs once the virtual workspace serves")
	lists, watches, inside := vw.counts()
	require.Positive(t, lists)
	require.Eventually(t, func() bool { _, watches, _ = vw.counts(); return watches > 0 }, waitFor, tick, "the informer watches")
	require.True(t, inside, "every request stays inside the virtual workspace's clusters")

	endpoints, total, started := s.runners.snapshot()
	require.Len(t, endpoints, 1)
	require.True(t, endpoints[0].synced)
	require.NotNil(t, endpoints[0].stats, "the SyncTarget controller reports through the runner")
	require.Equal(t, counters{}, total)
	require.Equal(t, int64(1), started)

	s.runners.update(t.Context(), sets.New[string]())
	require.Eventually(t, func() bool { return len(runningURLs(s.runners)) == 0 }, waitFor, tick)
}

func TestServeEndpointFailsWhileTheVirtualWorkspaceDoesNotServe(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		url      func(t *testing.T) string
		wantErrs []string
	}{
		"not served yet": {
			url:      func(t *testing.T) string { t.Helper(); return newFakeVirtualWorkspace(t, 1).URL },
			wantErrs: []string{"listing SyncTargets through the virtual workspace", "could not find the requested resource"},
		},
		"nothing listens": {
			url:      func(*testing.T) string { return "http://127.0.0.1:1/services/apiexport/root/workload.kcp.io" },
			wantErrs: []string{"listing SyncTargets through the virtual workspace", "is kcp running"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			s := newTestServer(testConfig(newFakeKCP(), nil))
			r := &runner{url: tc.url(t), done: make(chan struct{})}
			err := s.serveEndpoint(t.Context(), r)
			for _, want := range tc.wantErrs {
				require.ErrorContains(t, err, want)
			}
			require.False(t, r.synced.Load())
			require.Nil(t, r.syncTargetStats())
		})
	}
}
