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

package server

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// runner serves one endpoint of the APIExportEndpointSlice, that is one
// shard's virtual workspace, with its own client, informers, controllers and
// context. Writes for that shard's objects go only through it.
type runner struct {
	url    string
	cancel context.CancelFunc
	done   chan struct{} // closed once the runner has stopped
	synced atomic.Bool
	stats  atomic.Pointer[statsBox]
}

type statsBox struct{ syncTargetStats }

// syncTargetStats returns the runner's SyncTarget controller, nil before it
// exists.
func (r *runner) syncTargetStats() syncTargetStats {
	if box := r.stats.Load(); box != nil {
		return box.syncTargetStats
	}
	return nil
}

// serveEndpoint serves r's endpoint until ctx ends. It fails early, to be
// retried, while the virtual workspace does not serve SyncTargets.
func (s *Server) serveEndpoint(ctx context.Context, r *runner) error {
	logger := klog.FromContext(ctx)
	config := rest.CopyConfig(s.config.BaseConfig)
	config.Host = r.url
	client, err := workloadclientset.NewForConfig(config)
	if err != nil {
		return err
	}
	if _, err := client.WorkloadV1alpha1().SyncTargets().List(ctx, metav1.ListOptions{Limit: 1}); err != nil {
		return fmt.Errorf("listing SyncTargets through the virtual workspace: %w", explain(err))
	}
	informers := kcpinformers.NewSharedInformerFactoryWithOptions(client, 0, kcpinformers.WithTransform(synctarget.NewCompactor().Transform))
	controllers, err := s.installControllers(config, informers)
	if err != nil {
		return err
	}
	for _, c := range controllers {
		if c.stats != nil {
			r.stats.Store(&statsBox{c.stats})
		}
	}
	informers.Start(ctx.Done())
	defer informers.Shutdown()
	for typ, ok := range informers.WaitForCacheSync(ctx.Done()) {
		if !ok {
			logger.V(2).Info("stopped before the informer caches synced", "type", typ.String())
			return nil
		}
	}
	r.synced.Store(true)
	logger.Info("caches synced, starting controllers", "controllers", len(controllers))
	var wg sync.WaitGroup
	for _, c := range controllers {
		wg.Go(func() { c.run(ctx) })
	}
	wg.Wait()
	return nil
}
