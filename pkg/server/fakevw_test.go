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
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeVirtualWorkspace is one shard's APIExport virtual workspace: it serves
// an empty SyncTarget list and idle watches under its URL, as kcp does before
// any SyncTarget exists. The first notFound lists get 404, as kcp answers
// right after it listed a new endpoint.
type fakeVirtualWorkspace struct {
	URL    string
	prefix string

	mu       sync.Mutex
	notFound int
	lists    int
	watches  int
	paths    []string
}

// newFakeVirtualWorkspace serves a virtual workspace until the test ends.
func newFakeVirtualWorkspace(t *testing.T, notFound int) *fakeVirtualWorkspace {
	t.Helper()
	f := &fakeVirtualWorkspace{prefix: "/services/apiexport/root:tmc/workload.kcp.io", notFound: notFound}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	f.URL = srv.URL + f.prefix
	return f
}

func (f *fakeVirtualWorkspace) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.paths = append(f.paths, r.URL.Path)
	notFound := f.notFound > 0 && r.URL.Query().Get("watch") != "true"
	if notFound {
		f.notFound--
	}
	f.mu.Unlock()

	if r.URL.Path != f.prefix+"/clusters/*/apis/workload.kcp.io/v1alpha1/synctargets" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if notFound {
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","code":404}`)
		return
	}
	if r.URL.Query().Get("watch") != "true" {
		f.count(&f.lists)
		_, _ = fmt.Fprint(w, `{"kind":"SyncTargetList","apiVersion":"workload.kcp.io/v1alpha1","metadata":{"resourceVersion":"7"},"items":[]}`)
		return
	}
	f.count(&f.watches)
	if r.URL.Query().Get("sendInitialEvents") == "true" {
		_, _ = fmt.Fprint(w, `{"type":"BOOKMARK","object":{"kind":"SyncTarget","apiVersion":"workload.kcp.io/v1alpha1","metadata":{"resourceVersion":"7","annotations":{"k8s.io/initial-events-end":"true"}}}}`+"\n")
	}
	if flusher, ok := w.(http.Flusher); ok {
		flusher.Flush()
	}
	<-r.Context().Done()
}

func (f *fakeVirtualWorkspace) count(n *int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	*n++
}

// counts returns the lists and watches served, and whether every request
// stayed inside the virtual workspace's clusters.
func (f *fakeVirtualWorkspace) counts() (lists, watches int, inside bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	inside = true
	for _, p := range f.paths {
		inside = inside && strings.HasPrefix(p, f.prefix+"/clusters/")
	}
	return f.lists, f.watches, inside
}

// notFoundLeft returns how many lists will still get 404.
func (f *fakeVirtualWorkspace) notFoundLeft() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.notFound
}
