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
	"sync/atomic"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	workloadv1alpha1informers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions/workload/v1alpha1"
)

// ControllerName is the name of the SyncTarget controller, used for its queue,
// its logger and its user agent.
const ControllerName = "kcp-synctarget"

// NewController returns a controller that keeps the Ready condition and the
// LastSyncTime of every SyncTarget in step with its spec.
func NewController(
	kcpClusterClient kcpclientset.ClusterInterface,
	syncTargetInformer workloadv1alpha1informers.SyncTargetClusterInformer,
) (*controller, error) {
	c := &controller{
		queue: workqueue.NewTypedRateLimitingQueueWithConfig(
			workqueue.DefaultTypedControllerRateLimiter[string](),
			workqueue.TypedRateLimitingQueueConfig[string]{Name: ControllerName},
		),
		getSyncTarget: func(cluster logicalcluster.Name, name string) (*workloadv1alpha1.SyncTarget, error) {
			return syncTargetInformer.Lister().Cluster(cluster).Get(name)
		},
		listSyncTargets: func() ([]*workloadv1alpha1.SyncTarget, error) {
			return syncTargetInformer.Lister().List(labels.Everything())
		},
		patchStatus: func(ctx context.Context, cluster logicalcluster.Name, name string, patch []byte) error {
			_, err := kcpClusterClient.Cluster(cluster.Path()).WorkloadV1alpha1().SyncTargets().
				Patch(ctx, name, types.MergePatchType, patch, metav1.PatchOptions{}, "status")
			return err
		},
		now: time.Now,
	}

	if _, err := syncTargetInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    c.enqueue,
		UpdateFunc: c.updated,
		DeleteFunc: c.deleted,
	}); err != nil {
		return nil, fmt.Errorf("failed to add the %s event handler: %w", ControllerName, err)
	}

	return c, nil
}

// controller reconciles SyncTargets. Its dependencies are func fields so that
// tests can replace each of them with a fake.
type controller struct {
	queue workqueue.TypedRateLimitingInterface[string]

	getSyncTarget   func(cluster logicalcluster.Name, name string) (*workloadv1alpha1.SyncTarget, error)
	listSyncTargets func() ([]*workloadv1alpha1.SyncTarget, error)
	patchStatus     func(ctx context.Context, cluster logicalcluster.Name, name string, patch []byte) error
	now             func() time.Time

	readyWrites    atomic.Int64
	notReadyWrites atomic.Int64
	conflicts      atomic.Int64
}

// enqueue adds the key of obj, a SyncTarget, to the queue.
func (c *controller) enqueue(obj any) {
	logger := klog.LoggerWithValues(klog.Background(), "reconciler", ControllerName)
	key, err := kcpcache.DeletionHandlingMetaClusterNamespaceKeyFunc(obj)
	if err != nil {
		utilruntime.HandleErrorWithLogger(logger, err, "failed to compute the queue key")
		return
	}
	klog.LoggerWithValues(logger, "key", key).V(4).Info("queueing SyncTarget")
	c.queue.Add(key)
}

// updated enqueues a changed SyncTarget. Resyncs deliver the object again with
// an unchanged resourceVersion: they carry no news and are dropped.
func (c *controller) updated(oldObj, newObj any) {
	oldMeta, oldOK := oldObj.(metav1.Object)
	newMeta, newOK := newObj.(metav1.Object)
	if oldOK && newOK && oldMeta.GetResourceVersion() == newMeta.GetResourceVersion() {
		return
	}
	c.enqueue(newObj)
}

// deleted enqueues a deleted SyncTarget; process then finds it gone.
func (c *controller) deleted(obj any) {
	if tombstone, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = tombstone.Obj
	}
	c.enqueue(obj)
}
