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
	"time"

	"k8s.io/client-go/tools/cache"
	"k8s.io/klog/v2"
)

// lead serves until ctx ends, as the leader or the only replica: it
// bootstraps the API, then keeps one runner per endpoint of the
// APIExportEndpointSlice, starting and stopping them as the slice changes.
// It returns once every runner has stopped.
func (s *Server) lead(ctx context.Context) error {
	logger := klog.FromContext(ctx)
	opts, provider := s.config.Options, s.config.ProviderPath
	defer s.runners.stopAll()

	if opts.Bootstrap {
		if err := bootstrap(ctx, s.config.KCPClient, provider, opts.Heartbeat); err != nil {
			return ignoreIfStopped(ctx, err)
		}
	}
	if err := checkEndpointSliceAccess(ctx, s.config.KCPClient, provider); err != nil {
		return ignoreIfStopped(ctx, err)
	}

	informer := newEndpointSliceInformer(s.config.KCPClient, provider)
	firstEndpoint := make(chan struct{})
	var once sync.Once
	update := func(obj any) {
		urls := endpointURLs(obj)
		if urls.Len() == 0 {
			logIdle(logger, provider.String())
		} else {
			once.Do(func() { close(firstEndpoint) })
		}
		s.runners.update(ctx, urls)
	}
	if _, err := informer.AddEventHandlerWithOptions(cache.ResourceEventHandlerFuncs{
		AddFunc:    update,
		UpdateFunc: func(_, obj any) { update(obj) },
		DeleteFunc: func(any) { update(nil) },
	}, cache.HandlerOptions{Logger: &logger}); err != nil {
		return err
	}
	informerCtx, stopInformer := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stopInformer()
	wg.Go(func() { informer.RunWithContext(informerCtx) })
	if !cache.WaitForNamedCacheSyncWithContext(ctx, informer.HasSynced) {
		return nil
	}
	if len(informer.GetStore().ListKeys()) == 0 {
		logIdle(logger, provider.String())
	}
	s.sliceSynced.Store(true)
	defer s.sliceSynced.Store(false)

	if timeout := opts.EndpointTimeout; timeout > 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		select {
		case <-ctx.Done():
		case <-firstEndpoint:
		case <-timer.C:
			return fmt.Errorf("waiting for an endpoint of APIExportEndpointSlice %s in workspace %s: %w",
				exportName, provider, context.DeadlineExceeded)
		}
	}
	<-ctx.Done()
	logger.Info("shutting down")
	return nil
}

// ignoreIfStopped returns nil when ctx ended: being asked to stop is no failure.
func ignoreIfStopped(ctx context.Context, err error) error {
	select {
	case <-ctx.Done():
		return nil
	default:
		return err
	}
}

func logIdle(logger klog.Logger, provider string) {
	logger.Info("no workspace binds the APIExport yet: idle until an APIBinding exists", "export", provider+":"+exportName)
}
