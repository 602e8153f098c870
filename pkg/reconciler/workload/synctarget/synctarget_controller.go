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
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/labels"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/logging"
	"github.com/kcp-dev/kcp/pkg/reconciler/committer"
	"github.com/kcp-dev/kcp/pkg/reconciler/events"
	"github.com/kcp-dev/kcp/pkg/tombstone"
	kcpclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	workloadv1alpha1informers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions/workload/v1alpha1"
)

// ControllerName names the controller's queue, logger, user agent and field
// manager.
const ControllerName = "kcp-synctarget"

// NewController returns a controller that keeps the Ready condition and the
// LastSyncTime of every SyncTarget the informer sees in step with its spec,
// writing through kcpClusterClient only when a status really changes.
func NewController(
	kcpClusterClient kcpclientset.ClusterInterface,
	syncTargetInformer workloadv1alpha1informers.SyncTargetClusterInformer,
) (*controller, error) {
	c := &controller{
		queue: workqueue.NewTypedRateLimitingQueueWithConfig(
			workqueue.DefaultTypedControllerRateLimiter[string](),
			workqueue.TypedRateLimitingQueueConfig[string]{Name: ControllerName},
		),
		getSyncTarget: func(cluster logicalcluster.Name, name string) (*SyncTarget, error) {
			return syncTargetInformer.Lister().Cluster(cluster).Get(name)
		},
		listSyncTargets: func() ([]*SyncTarget, error) {
			return syncTargetInformer.Lister().List(labels.Everything())
		},
		now: time.Now,
	}
	c.commit = committer.NewCommitter[*SyncTarget, Patcher, *SyncTargetSpec, *SyncTargetStatus](
		&statusClusterPatcher{client: kcpClusterClient, stats: &c.stats})

	_, err := syncTargetInformer.Informer().AddEventHandler(events.WithoutSyncs(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { c.enqueue(tombstone.Obj[*SyncTarget](obj)) },
		UpdateFunc: func(_, obj any) { c.enqueue(tombstone.Obj[*SyncTarget](obj)) },
		DeleteFunc: func(obj any) { c.enqueue(tombstone.Obj[*SyncTarget](obj)) },
	}))
	if err != nil {
		return nil, fmt.Errorf("failed to add the %s event handler: %w", ControllerName, err)
	}
	return c, nil
}

type (
	SyncTarget       = workloadv1alpha1.SyncTarget
	SyncTargetSpec   = workloadv1alpha1.SyncTargetSpec
	SyncTargetStatus = workloadv1alpha1.SyncTargetStatus
	Patcher          = committer.Patcher[*SyncTarget]
	Resource         = committer.Resource[*SyncTargetSpec, *SyncTargetStatus]
	CommitFunc       = func(context.Context, *Resource, *Resource) error
)

// controller reconciles SyncTargets. Its dependencies are func fields, so a
// test sets only those its case needs.
type controller struct {
	queue workqueue.TypedRateLimitingInterface[string]

	getSyncTarget   func(cluster logicalcluster.Name, name string) (*SyncTarget, error)
	listSyncTargets func() ([]*SyncTarget, error)
	commit          CommitFunc
	now             func() time.Time

	stats writeStats
}

// enqueue adds the key of a SyncTarget to the queue.
func (c *controller) enqueue(st *SyncTarget) {
	logger := logging.WithReconciler(klog.Background(), ControllerName)
	key, err := kcpcache.DeletionHandlingMetaClusterNamespaceKeyFunc(st)
	if err != nil {
		utilruntime.HandleErrorWithLogger(logger, err, "failed to compute the queue key")
		return
	}
	logging.WithQueueKey(logger, key).V(4).Info("queueing SyncTarget")
	c.queue.Add(key)
}
