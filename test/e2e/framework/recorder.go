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

package framework

import (
	"context"
	"sync"
	"time"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// ObjectKey names a SyncTarget across workspaces.
type ObjectKey struct {
	Cluster logicalcluster.Name
	Name    string
}

// ObjectRecord is what a Recorder saw of one SyncTarget.
type ObjectRecord struct {
	Seen       time.Time // first event
	FirstReady time.Time // first seen with Ready=True; zero if never
	Ready      bool      // Ready=True now
	Writes     int       // resourceVersion changes after Seen
	// ReadyWrites counts the writes to the object while it was Ready already.
	ReadyWrites     int
	ResourceVersion string
	Generation      int64
	Deleted         bool
}

// Recorder lists and watches every SyncTarget behind a virtual workspace URL
// (or any wildcard-capable config) and records each object's history. When
// the watch breaks it resumes from the last resourceVersion; when kcp cannot
// resume (410 Gone, say after a restart) it relists and counts a changed
// resourceVersion as one write, and Relists tells how often that happened.
type Recorder struct {
	client workloadclientset.ClusterInterface
	stop   context.CancelFunc
	done   chan struct{} // closed once the watch loop returned

	mu      sync.Mutex
	objects map[ObjectKey]*ObjectRecord
	rv      string
	relists int
}

// StartRecorder lists the SyncTargets behind cfg, then watches them until
// ctx ends or Stop is called.
func StartRecorder(ctx context.Context, cfg *rest.Config) (*Recorder, error) {
	client, err := workloadclientset.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	r := &Recorder{client: client, stop: cancel, done: make(chan struct{}), objects: map[ObjectKey]*ObjectRecord{}}
	if err := r.relist(ctx); err != nil {
		cancel()
		return nil, err
	}
	r.relists = 0
	go func() {
		defer close(r.done)
		r.run(ctx)
	}()
	return r, nil
}

// Stop ends the watch and returns once it is closed; the records stay
// readable. A recorder left running is one more watcher kcp serves.
func (r *Recorder) Stop() {
	r.stop()
	<-r.done
}

// Snapshot returns a copy of every record.
func (r *Recorder) Snapshot() map[ObjectKey]ObjectRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[ObjectKey]ObjectRecord, len(r.objects))
	for k, v := range r.objects {
		out[k] = *v
	}
	return out
}

// Relists is how often the watch could not resume and the recorder listed
// again; each may hide writes beyond one per changed object.
func (r *Recorder) Relists() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.relists
}
