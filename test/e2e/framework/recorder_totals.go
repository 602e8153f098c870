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
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// Totals sums up the records of a Recorder.
type Totals struct {
	Objects, Ready, Deleted, Writes, ReadyWrites int
	// LastReady is the latest FirstReady of any object.
	LastReady time.Time
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
