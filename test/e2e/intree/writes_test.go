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

package intree

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/apimachinery/pkg/watch"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadv1alpha1client "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/typed/workload/v1alpha1"
)

// writeRecorder records every change to the SyncTargets of one workspace.
type writeRecorder struct {
	w      watch.Interface
	mu     sync.Mutex
	events []string
}

// recordWrites watches the SyncTargets of c from resourceVersion on, so it sees
// every change since then, even those made before the watch opened. Cleanup
// ends the watch.
func recordWrites(t *testing.T, c workloadv1alpha1client.SyncTargetInterface, resourceVersion string) *writeRecorder {
	t.Helper()
	w, err := c.Watch(t.Context(), metav1.ListOptions{ResourceVersion: resourceVersion})
	require.NoError(t, err)
	t.Cleanup(w.Stop)
	r := &writeRecorder{w: w}
	go func() {
		for ev := range w.ResultChan() {
			switch obj := ev.Object.(type) {
			case *workloadv1alpha1.SyncTarget:
				r.add(string(ev.Type) + " " + obj.Name + "@" + obj.ResourceVersion)
			case *metav1.Status:
				r.add("watch error: " + obj.Message)
			}
		}
	}()
	return r
}

func (r *writeRecorder) add(event string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, event)
}

// Events returns the events recorded so far, one "TYPE name@resourceVersion" each.
func (r *writeRecorder) Events() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.events...)
}

// requireNoWrites polls the recorders for window and fails at the first
// recorded change.
func requireNoWrites(t *testing.T, window time.Duration, recorders ...*writeRecorder) {
	t.Helper()
	err := wait.PollUntilContextTimeout(t.Context(), tick, window, true, func(context.Context) (bool, error) {
		for _, r := range recorders {
			if events := r.Events(); len(events) > 0 {
				return false, fmt.Errorf("writes to Ready SyncTargets: %v", events)
			}
		}
		return false, nil
	})
	require.True(t, wait.Interrupted(err), "%v", err)
}
