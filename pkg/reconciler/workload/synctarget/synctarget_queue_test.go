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

package synctarget

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/util/workqueue"

	"github.com/kcp-dev/logicalcluster/v3"
)

func TestProcessNextWorkItemRequeuesOnlyFailures(t *testing.T) {
	t.Parallel()

	conflict := apierrors.NewConflict(syncTargetsGVR.GroupResource(), "st", errors.New("modified"))
	tests := map[string]struct {
		getErr       error
		commitErr    error
		wantRequeues int
	}{
		"a reconciled key is forgotten":            {},
		"a deleted object's key is forgotten":      {getErr: apierrors.NewNotFound(syncTargetsGVR.GroupResource(), "st")},
		"a failed read is retried":                 {getErr: apierrors.NewInternalError(errors.New("boom")), wantRequeues: 1},
		"a conflict is retried":                    {commitErr: conflict, wantRequeues: 1},
		"a failed write is retried":                {commitErr: errors.New("connection refused"), wantRequeues: 1},
		"a write to a deleted object is forgotten": {commitErr: apierrors.NewNotFound(syncTargetsGVR.GroupResource(), "st")},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			c := newTestController()
			c.queue = workqueue.NewTypedRateLimitingQueueWithConfig(workqueue.DefaultTypedControllerRateLimiter[string](),
				workqueue.TypedRateLimitingQueueConfig[string]{Name: ControllerName})
			defer c.queue.ShutDown()
			var commits int
			c.getSyncTarget = func(cluster logicalcluster.Name, name string) (*SyncTarget, error) {
				require.Equal(t, logicalcluster.Name("team-a"), cluster)
				require.Equal(t, "st", name)
				return newSyncTarget("team-a", "st", "root:org:team"), tc.getErr
			}
			c.commit = func(context.Context, *Resource, *Resource) error {
				commits++
				return tc.commitErr
			}

			c.queue.Add("team-a|st")
			require.True(t, c.processNextWorkItem(t.Context()))

			require.Equal(t, tc.wantRequeues, c.queue.NumRequeues("team-a|st"))
			if tc.getErr == nil {
				require.Equal(t, 1, commits, "a new SyncTarget needs one write")
			} else {
				require.Zero(t, commits)
			}
		})
	}
}

func TestProcessNextWorkItemStopsWithTheQueue(t *testing.T) {
	t.Parallel()

	c := newTestController()
	c.queue = workqueue.NewTypedRateLimitingQueueWithConfig(workqueue.DefaultTypedControllerRateLimiter[string](),
		workqueue.TypedRateLimitingQueueConfig[string]{Name: ControllerName})
	c.queue.ShutDown()
	require.False(t, c.processNextWorkItem(t.Context()))
}

func TestStartStopsWithItsContext(t *testing.T) {
	t.Parallel()

	c := newTestController()
	c.queue = workqueue.NewTypedRateLimitingQueueWithConfig(workqueue.DefaultTypedControllerRateLimiter[string](),
		workqueue.TypedRateLimitingQueueConfig[string]{Name: ControllerName})
	ctx, cancel := context.WithCancel(t.Context())
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		c.Start(ctx, 2)
	}()
	cancel()
	<-stopped
	require.True(t, c.queue.ShuttingDown(), "Start shuts the queue down on its way out")
}
