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
	"fmt"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
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

// Totals sums up the records of a Recorder.
type Totals struct {
	Objects, Ready, Deleted, Writes, ReadyWrites int
	// LastReady is the latest FirstReady of any object.
	LastReady time.Time
}

// Recorder lists and watches every SyncTarget behind a virtual workspace URL
// (or any wildcard-capable config) and records each object's history. When
// the watch breaks it resumes from the last resourceVersion; when kcp cannot
// resume (410 Gone, say after a restart) it relists and counts a changed
// resourceVersion as one write, and Relists tells how often that happened.
type Recorder struct {
	client workloadclientset.ClusterInterface

	mu      sync.Mutex
	objects map[ObjectKey]*ObjectRecord
	rv      string
	relists int
}

// StartRecorder lists the SyncTargets behind cfg, then watches them until ctx ends.
func StartRecorder(ctx context.Context, cfg *rest.Config) (*Recorder, error) {
	client, err := workloadclientset.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	r := &Recorder{client: client, objects: map[ObjectKey]*ObjectRecord{}}
	if err := r.relist(ctx); err != nil {
		return nil, err
	}
	r.relists = 0
	go r.run(ctx)
	return r, nil
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

// Totals sums up the records.
func (r *Recorder) Totals() Totals {
	r.mu.Lock()
	defer r.mu.Unlock()
	var t Totals
	for _, o := range r.objects {
		t.Objects++
		t.Writes += o.Writes
		t.ReadyWrites += o.ReadyWrites
		switch {
		case o.Deleted:
			t.Deleted++
		case o.Ready:
			t.Ready++
		}
		if o.FirstReady.After(t.LastReady) {
			t.LastReady = o.FirstReady
		}
	}
	return t
}

// Relists is how often the watch could not resume and the recorder listed
// again; each may hide writes beyond one per changed object.
func (r *Recorder) Relists() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.relists
}

// WaitFor polls the totals until done returns true or timeout passes.
func (r *Recorder) WaitFor(ctx context.Context, timeout time.Duration, done func(Totals) bool) (Totals, error) {
	var t Totals
	err := wait.PollUntilContextTimeout(ctx, pollInterval, timeout, true, func(context.Context) (bool, error) {
		t = r.Totals()
		return done(t), nil
	})
	if err != nil {
		return t, fmt.Errorf("recorded %+v: %w", t, err)
	}
	return t, nil
}
