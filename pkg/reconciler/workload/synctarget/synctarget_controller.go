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

// Package synctarget implements the kcp-synctarget controller.
package synctarget

import (
	"context"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
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
	workloadv1alpha1client "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/typed/workload/v1alpha1"
	workloadv1alpha1informers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions/workload/v1alpha1"
)

// ControllerName names the controller's queue, logger and user agent.
const ControllerName = "kcp-synctarget"

type SyncTarget = workloadv1alpha1.SyncTarget
type Resource = committer.Resource[*workloadv1alpha1.SyncTargetSpec, *workloadv1alpha1.SyncTargetStatus]

// NewController returns a controller that keeps every SyncTarget's Ready condition in step with its spec.
func NewController(kcpClusterClient kcpclientset.ClusterInterface, syncTargetInformer workloadv1alpha1informers.SyncTargetClusterInformer) (*controller, error) {
	c := &controller{
		queue: workqueue.NewTypedRateLimitingQueueWithConfig(workqueue.DefaultTypedControllerRateLimiter[string](),
			workqueue.TypedRateLimitingQueueConfig[string]{Name: ControllerName}),
		getSyncTarget: func(cluster logicalcluster.Name, name string) (*SyncTarget, error) {
			return syncTargetInformer.Lister().Cluster(cluster).Get(name)
		},
		commit: committer.NewCommitter[*SyncTarget, workloadv1alpha1client.SyncTargetInterface,
			*workloadv1alpha1.SyncTargetSpec, *workloadv1alpha1.SyncTargetStatus](kcpClusterClient.WorkloadV1alpha1().SyncTargets()),
		now: time.Now,
	}
	_, _ = syncTargetInformer.Informer().AddEventHandler(events.WithoutSyncs(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { c.enqueue(tombstone.Obj[*SyncTarget](obj)) },
		UpdateFunc: func(_, obj any) { c.enqueue(tombstone.Obj[*SyncTarget](obj)) },
		DeleteFunc: func(obj any) { c.enqueue(tombstone.Obj[*SyncTarget](obj)) },
	}))
	return c, nil
}

// controller reconciles SyncTargets; a test sets only the func fields it needs.
type controller struct {
	queue         workqueue.TypedRateLimitingInterface[string]
	getSyncTarget func(cluster logicalcluster.Name, name string) (*SyncTarget, error)
	commit        committer.CommitFunc[*workloadv1alpha1.SyncTargetSpec, *workloadv1alpha1.SyncTargetStatus]
	now           func() time.Time
	heartbeat     func(cluster logicalcluster.Name, name string) *observation // nil: heartbeats off
}

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

// Start runs numThreads workers until ctx is done, then shuts the queue down.
func (c *controller) Start(ctx context.Context, numThreads int) {
	defer utilruntime.HandleCrashWithContext(ctx)
	defer c.queue.ShutDown()
	logger := logging.WithReconciler(klog.FromContext(ctx), ControllerName)
	ctx = klog.NewContext(ctx, logger)
	logger.Info("Starting controller")
	defer logger.Info("Shutting down controller")
	for range numThreads {
		go wait.UntilWithContext(ctx, c.startWorker, time.Second)
	}
	<-ctx.Done()
}

func (c *controller) startWorker(ctx context.Context) {
	for c.processNextWorkItem(ctx) {
	}
}

func (c *controller) processNextWorkItem(ctx context.Context) bool {
	key, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(key)
	ctx = klog.NewContext(ctx, logging.WithQueueKey(klog.FromContext(ctx), key))
	if err := c.process(ctx, key); err != nil {
		utilruntime.HandleErrorWithContext(ctx, err, "failed to sync", "controller", ControllerName)
		c.queue.AddRateLimited(key) // a conflict (409) too: the next read is fresher
	} else {
		c.queue.Forget(key)
	}
	return true
}

// process reconciles the SyncTarget behind key and commits its status only if it changed.
func (c *controller) process(ctx context.Context, key string) error {
	cluster, _, name, err := kcpcache.SplitMetaClusterNamespaceKey(key)
	if err != nil {
		utilruntime.HandleErrorWithContext(ctx, err, "dropping malformed queue key") // it never becomes valid
		return nil
	}
	obj, err := c.getSyncTarget(cluster, name)
	if apierrors.IsNotFound(err) {
		return nil // deleted before it was handled
	} else if err != nil {
		return err
	}
	old, obj, logger := obj, obj.DeepCopy(), logging.WithObject(klog.FromContext(ctx), obj)
	logger.V(2).Info("reconciling SyncTarget", "generation", obj.Generation)
	changed, after := c.reconcile(klog.NewContext(ctx, logger), obj, c.observation(cluster, name))
	c.requeueAfter(key, after)
	if !changed {
		return nil
	}
	if err = c.commit(ctx, &Resource{ObjectMeta: old.ObjectMeta, Spec: &old.Spec, Status: &old.Status},
		&Resource{ObjectMeta: obj.ObjectMeta, Spec: &obj.Spec, Status: &obj.Status}); apierrors.IsNotFound(err) {
		return nil // deleted while it was reconciled
	}
	return err
}
