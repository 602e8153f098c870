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
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
)

// TestSyncTargetClientLimitsEachWorkspace checks that --qps and --burst bound
// the controller's writes per workspace, not across an endpoint's workspaces.
// The budget is one write, refilled after 1000 s: client-go refuses at once a
// request whose wait would outlast its context's deadline, so a second write
// in the same workspace fails without waiting, and one in another workspace
// succeeds only if that workspace has a budget of its own.
func TestSyncTargetClientLimitsEachWorkspace(t *testing.T) {
	t.Parallel()

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(syncTargetJSON(metav1.ConditionTrue)))
	}))
	t.Cleanup(srv.Close)
	client, err := syncTargetClient(&rest.Config{Host: srv.URL, QPS: 0.001, Burst: 1})
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	t.Cleanup(cancel)
	patch := func(workspace string) error {
		_, err := client.WorkloadV1alpha1().SyncTargets().Cluster(logicalcluster.NewPath(workspace)).
			Patch(ctx, "st", types.MergePatchType, []byte(`{}`), metav1.PatchOptions{}, "status")
		return err
	}
	require.NoError(t, patch("root:a"), "the first write in root:a")
	require.NoError(t, patch("root:b"), "the first write in root:b must not wait for root:a's budget")
	require.ErrorContains(t, patch("root:a"), "would exceed context deadline", "root:a's budget is spent")
}
