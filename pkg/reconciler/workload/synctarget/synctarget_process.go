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

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/klog/v2"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"

	"github.com/kcp-dev/kcp/pkg/logging"
)

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

// processNextWorkItem handles one key; it returns false once the queue is shut
// down. A failed key is retried with rate limiting. A conflict is expected
// when someone else wrote the object meanwhile, so it is retried quietly.
func (c *controller) processNextWorkItem(ctx context.Context) bool {
	key, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(key)

	logger := logging.WithQueueKey(klog.FromContext(ctx), key)
	ctx = klog.NewContext(ctx, logger)
	logger.V(4).Info("processing key")

	if err := c.process(ctx, key); err != nil {
		if apierrors.IsConflict(err) {
			logger.V(2).Info("SyncTarget changed while it was reconciled, retrying", "err", err.Error())
		} else {
			utilruntime.HandleErrorWithContext(ctx, err, "failed to sync", "controller", ControllerName)
		}
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

// process reconciles the SyncTarget behind key and commits its status when
// the reconcile changed it: an unchanged status costs no request.
func (c *controller) process(ctx context.Context, key string) error {
	cluster, _, name, err := kcpcache.SplitMetaClusterNamespaceKey(key)
	if err == nil && (cluster.Empty() || name == "") {
		err = fmt.Errorf("unexpected key format: %q", key)
	}
	if err != nil {
		// A malformed key never becomes valid: report it, do not requeue.
		utilruntime.HandleErrorWithContext(ctx, err, "dropping malformed queue key")
		return nil
	}

	obj, err := c.getSyncTarget(cluster, name)
	if err != nil {
		if apierrors.IsNotFound(err) {
			klog.FromContext(ctx).V(3).Info("SyncTarget was deleted before it was handled")
			return nil
		}
		return err
	}

	old := obj
	obj = obj.DeepCopy()

	logger := logging.WithObject(klog.FromContext(ctx), obj)
	ctx = klog.NewContext(ctx, logger)
	logger.V(2).Info("reconciling SyncTarget", "generation", obj.Generation, "resourceVersion", obj.ResourceVersion)

	// The reconcile knows whether it changed the status; the committer would
	// find out too, but its semantic comparison costs more than the
	// reconcile itself on the common path, where nothing changed.
	if !c.reconcile(ctx, obj) {
		logger.V(4).Info("status is up to date, nothing to write")
		return nil
	}

	oldResource := &Resource{ObjectMeta: old.ObjectMeta, Spec: &old.Spec, Status: &old.Status}
	newResource := &Resource{ObjectMeta: obj.ObjectMeta, Spec: &obj.Spec, Status: &obj.Status}
	err = c.commit(ctx, oldResource, newResource)
	if apierrors.IsNotFound(err) {
		logger.V(3).Info("SyncTarget was deleted while it was reconciled")
		return nil
	}
	return err
}
