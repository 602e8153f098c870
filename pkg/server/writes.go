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
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync/atomic"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/labels"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	workloadv1alpha1listers "github.com/kcp-dev/kcp/sdk/client/listers/workload/v1alpha1"
)

// syncTargetWrites is one runner's SyncTarget controller as the metrics see
// it. The controller package counts nothing: its client's transport does, so
// every status patch is counted by the answer kcp gave, and the cache is read
// for the Ready split.
type syncTargetWrites struct {
	ready, notReady, conflicts, deleted atomic.Int64
	lister                              workloadv1alpha1listers.SyncTargetClusterLister
}

// Writes returns the status patches counted so far.
func (w *syncTargetWrites) Writes() counters {
	return counters{readyWrites: w.ready.Load(), notReadyWrites: w.notReady.Load(),
		conflicts: w.conflicts.Load(), deleted: w.deleted.Load()}
}

// ReadyCounts counts the SyncTargets in the cache whose Ready condition is
// True and those whose is not, including those without one yet.
func (w *syncTargetWrites) ReadyCounts() (ready, notReady int, err error) {
	syncTargets, err := w.lister.List(labels.Everything())
	if err != nil {
		return 0, 0, err
	}
	for _, st := range syncTargets {
		if meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition) {
			ready++
		} else {
			notReady++
		}
	}
	return ready, notReady, nil
}

// wrap is a rest.Config transport wrapper: it names the controller as the field
// manager of every write and counts the status patches by outcome.
func (w *syncTargetWrites) wrap(rt http.RoundTripper) http.RoundTripper {
	return &countingTransport{next: rt, writes: w}
}

type countingTransport struct {
	next   http.RoundTripper
	writes *syncTargetWrites
}

func (t *countingTransport) WrappedRoundTripper() http.RoundTripper { return t.next }

func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	switch req.Method {
	case http.MethodPatch, http.MethodPut, http.MethodPost:
		// Without one the apiserver derives the field manager from the user
		// agent, and the virtual workspace forwards the write to kcp as kcp
		// itself: the object would name "kcp". The parameter is forwarded.
		if q := req.URL.Query(); q.Get("fieldManager") == "" {
			req = req.Clone(req.Context())
			q.Set("fieldManager", synctarget.ControllerName)
			req.URL.RawQuery = q.Encode()
		}
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil || req.Method != http.MethodPatch || !isStatusOfSyncTarget(req.URL.Path) {
		return resp, err
	}
	switch {
	case resp.StatusCode == http.StatusConflict:
		t.writes.conflicts.Add(1)
	case resp.StatusCode == http.StatusNotFound:
		t.writes.deleted.Add(1) // the SyncTarget was deleted after it was read
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return t.writes.countWritten(resp)
	}
	return resp, nil
}

// countWritten counts the status in resp's body by its Ready condition, and
// leaves the body for the client to read.
func (w *syncTargetWrites) countWritten(resp *http.Response) (*http.Response, error) {
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	// kcp accepted the write: a body that does not decode counts as not Ready.
	var st workloadv1alpha1.SyncTarget
	if json.Unmarshal(body, &st) == nil && meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition) {
		w.ready.Add(1)
	} else {
		w.notReady.Add(1)
	}
	return resp, nil
}

// isStatusOfSyncTarget reports whether path is the status subresource of a
// SyncTarget, through a virtual workspace or not.
func isStatusOfSyncTarget(path string) bool {
	return strings.Contains(path, "/synctargets/") && strings.HasSuffix(path, "/status")
}
