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
)

// Start runs numThreads workers until ctx is done, then shuts the queue down.
func (c *controller) Start(ctx context.Context, numThreads int) {
	defer utilruntime.HandleCrashWithContext(ctx)
	defer c.queue.ShutDown()

	logger := klog.LoggerWithValues(klog.FromContext(ctx), "reconciler", ControllerName)
	ctx = klog.NewContext(ctx, logger)
	logger.Info("starting controller")
	defer logger.Info("shutting down controller")

	for range numThreads {
		go wait.UntilWithContext(ctx, c.startWorker, time.Second)
	}

	<-ctx.Done()
}

func (c *controller) startWorker(ctx context.Context) {
	for c.processNextWorkItem(ctx) {
	}
}

// processNextWorkItem handles one key. It returns false once the queue is shut down.
func (c *controller) processNextWorkItem(ctx context.Context) bool {
	key, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(key)

	if err := c.process(ctx, key); err != nil {
		utilruntime.HandleErrorWithContext(ctx, err, "failed to sync", "key", key)
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

// process reconciles the SyncTarget behind key and commits its status.
func (c *controller) process(ctx context.Context, key string) error {
	cluster, _, name, err := kcpcache.SplitMetaClusterNamespaceKey(key)
	if err == nil && (cluster.Empty() || name == "") {
		err = fmt.Errorf("unexpected key format: %q", key)
	}
	if err != nil {
		// A malformed key never becomes valid: report it, do not requeue.
		utilruntime.HandleErrorWithContext(ctx, err, "dropping malformed queue key", "key", key)
		return nil
	}

	logger := klog.LoggerWithValues(klog.FromContext(ctx), "cluster", cluster, "name", name)
	ctx = klog.NewContext(ctx, logger)
	obj, err := c.getSyncTarget(cluster, name)
	if apierrors.IsNotFound(err) {
		logger.V(3).Info("SyncTarget was deleted before we handled it")
		return nil
	}
	if err != nil {
		return err
	}
	logger.V(2).Info("reconciling SyncTarget", "generation", obj.Generation, "resourceVersion", obj.ResourceVersion)

	old := obj
	obj = obj.DeepCopy()
	c.reconcile(ctx, obj)
	return c.commit(ctx, old, obj)
}
