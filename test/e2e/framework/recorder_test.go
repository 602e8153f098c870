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

package framework_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// TestRecorderStopClosesItsWatch serves an empty list and a watch that stays
// open until its client goes away: Stop must close it, with the context the
// recorder was started with still alive.
func TestRecorderStopClosesItsWatch(t *testing.T) {
	t.Parallel()

	opened, closed := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("watch") != "true" {
			_, _ = w.Write([]byte(`{"kind":"SyncTargetList","apiVersion":"workload.kcp.io/v1alpha1","metadata":{"resourceVersion":"7"},"items":[]}`))
			return
		}
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		close(opened)
		<-r.Context().Done()
		close(closed)
	}))
	t.Cleanup(srv.Close)

	rec, err := framework.StartRecorder(t.Context(), &rest.Config{Host: srv.URL})
	require.NoError(t, err)
	deadline := time.After(10 * time.Second)
	select {
	case <-opened:
	case <-deadline:
		require.Fail(t, "the recorder never watched")
	}
	rec.Stop()
	select {
	case <-closed:
	case <-deadline:
		require.Fail(t, "the watch was still open after Stop")
	}
	require.Zero(t, rec.Totals().Objects)
}
