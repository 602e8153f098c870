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
	"cmp"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	kcpfakeclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/fake"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// syncTargetJSON is a SyncTarget as kcp returns it, with Ready at status.
func syncTargetJSON(ready metav1.ConditionStatus) string {
	return `{"apiVersion":"workload.kcp.io/v1alpha1","kind":"SyncTarget","metadata":{"name":"st","resourceVersion":"2"},` +
		`"spec":{"kcpCluster":"root"},"status":{"conditions":[{"type":"Ready","status":"` + string(ready) +
		`","reason":"R","message":"m","lastTransitionTime":"2026-03-04T05:06:07Z"}]}}`
}

func TestCountingTransport(t *testing.T) {
	t.Parallel()

	status := func(code int, reason metav1.StatusReason) string {
		return fmt.Sprintf(`{"kind":"Status","apiVersion":"v1","status":"Failure","reason":%q,"code":%d}`, reason, code)
	}
	tests := map[string]struct {
		code         int
		body         string
		subresources []string
		fieldManager string
		want         counters
		wantErr      func(error) bool
	}{
		"a status written Ready":         {code: http.StatusOK, body: syncTargetJSON(metav1.ConditionTrue), subresources: []string{"status"}, want: counters{readyWrites: 1}},
		"a status written not Ready":     {code: http.StatusOK, body: syncTargetJSON(metav1.ConditionFalse), subresources: []string{"status"}, want: counters{notReadyWrites: 1}},
		"a conflict":                     {code: http.StatusConflict, body: status(409, metav1.StatusReasonConflict), subresources: []string{"status"}, want: counters{conflicts: 1}, wantErr: apierrors.IsConflict},
		"a SyncTarget deleted meanwhile": {code: http.StatusNotFound, body: status(404, metav1.StatusReasonNotFound), subresources: []string{"status"}, want: counters{deleted: 1}, wantErr: apierrors.IsNotFound},
		"another failure is not counted": {code: http.StatusInternalServerError, body: status(500, metav1.StatusReasonInternalError), subresources: []string{"status"}, wantErr: apierrors.IsInternalError},
		"an accepted write whose body does not decode is not Ready": {code: http.StatusOK, body: "{", subresources: []string{"status"},
			want: counters{notReadyWrites: 1}, wantErr: func(err error) bool { return err != nil }},
		"a patch of the object is not counted": {code: http.StatusOK, body: syncTargetJSON(metav1.ConditionTrue)},
		"a field manager set by the caller is kept": {code: http.StatusOK, body: syncTargetJSON(metav1.ConditionTrue), subresources: []string{"status"},
			fieldManager: "someone-else", want: counters{readyWrites: 1}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var mu sync.Mutex
			var got *http.Request
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				got = r
				mu.Unlock()
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.code)
				_, _ = fmt.Fprint(w, tc.body)
			}))
			t.Cleanup(srv.Close)
			writes := &syncTargetWrites{}
			config := &rest.Config{Host: srv.URL + "/services/apiexport/root/workload.kcp.io"}
			config.Wrap(writes.wrap)
			client, err := workloadclientset.NewForConfig(config)
			require.NoError(t, err)

			st, err := client.Cluster(logicalcluster.NewPath("team-a")).WorkloadV1alpha1().SyncTargets().Patch(t.Context(), "st",
				types.MergePatchType, []byte(`{"status":{}}`), metav1.PatchOptions{FieldManager: tc.fieldManager}, tc.subresources...)
			if tc.wantErr != nil {
				require.True(t, tc.wantErr(err), "unexpected error: %v", err)
			} else {
				require.NoError(t, err)
				require.Equal(t, "2", st.ResourceVersion, "the client still reads the body")
			}
			require.Equal(t, tc.want, writes.Writes())
			mu.Lock()
			defer mu.Unlock()
			require.Equal(t, cmp.Or(tc.fieldManager, synctarget.ControllerName), got.URL.Query().Get("fieldManager"))
		})
	}
}

func TestInstallSyncTargetControllerCountsItsCache(t *testing.T) {
	t.Parallel()

	informers := kcpinformers.NewSharedInformerFactory(kcpfakeclientset.NewClientset(), 0)
	c, err := installSyncTargetController(&rest.Config{Host: "https://127.0.0.1:1"}, informers, &Options{Workers: 1})
	require.NoError(t, err)
	require.Equal(t, synctarget.ControllerName, c.name)
	indexer := informers.Workload().V1alpha1().SyncTargets().Informer().GetIndexer()
	for name, ready := range map[string]metav1.ConditionStatus{"a": metav1.ConditionTrue, "b": metav1.ConditionFalse, "c": ""} {
		st := &workloadv1alpha1.SyncTarget{ObjectMeta: metav1.ObjectMeta{Name: name, Annotations: map[string]string{logicalcluster.AnnotationKey: "team-a"}}}
		if ready != "" {
			st.Status.Conditions = []metav1.Condition{{Type: workloadv1alpha1.ReadyCondition, Status: ready}}
		}
		require.NoError(t, indexer.Add(st))
	}
	ready, notReady, err := c.stats.ReadyCounts()
	require.NoError(t, err)
	require.Equal(t, [2]int{1, 2}, [2]int{ready, notReady})
	require.Equal(t, counters{}, c.stats.Writes())
}
