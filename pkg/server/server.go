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

// Package server runs the TMC controllers against kcp: it bootstraps the
// workload.kcp.io APIExport, finds its virtual workspace, starts cluster-aware
// informers on it and runs the enabled controllers once their caches synced.
package server

import (
	"context"
	"fmt"
	"net"
	"sync"
	"sync/atomic"

	"k8s.io/client-go/rest"
	"k8s.io/component-base/metrics"
	"k8s.io/klog/v2"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// Server runs the controllers. Build it with NewServer and call Run once.
type Server struct {
	config      *Config
	metrics     metrics.KubeRegistry
	informers   kcpinformers.SharedInformerFactory
	controllers []controllerRunner
	ready       atomic.Bool
	healthAddr  atomic.Pointer[string]
}

// NewServer returns a server for a completed configuration.
func NewServer(config *Config) *Server {
	return &Server{config: config, metrics: metrics.NewKubeRegistry()}
}

// HealthAddr is the address /healthz, /readyz and /metrics are served on,
// once Run has bound it; empty before or when disabled.
func (s *Server) HealthAddr() string {
	if addr := s.healthAddr.Load(); addr != nil {
		return *addr
	}
	return ""
}

// Run serves until ctx ends, then stops the controllers and returns. It
// returns early with an error when kcp cannot be set up.
func (s *Server) Run(ctx context.Context) error {
	logger := klog.FromContext(ctx)
	opts := s.config.Options

	if opts.BindAddress != "" {
		ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", opts.BindAddress)
		if err != nil {
			return fmt.Errorf("serving health and metrics: %w", err)
		}
		addr := ln.Addr().String()
		s.healthAddr.Store(&addr)
		stop := s.serveHealth(ctx, ln)
		defer stop()
		logger.Info("serving /healthz, /readyz and /metrics", "address", addr)
	}

	if opts.Bootstrap {
		if err := bootstrap(ctx, s.config.KCPClient, s.config.ProviderPath); err != nil {
			return err
		}
	}

	url, err := virtualWorkspaceURL(ctx, s.config.KCPClient, s.config.ProviderPath, opts.EndpointTimeout)
	if ctx.Err() != nil {
		return nil // asked to stop while waiting: not a failure
	}
	if err != nil {
		return err
	}
	vwConfig := rest.CopyConfig(s.config.BaseConfig)
	vwConfig.Host = url
	client, err := workloadclientset.NewForConfig(vwConfig)
	if err != nil {
		return err
	}
	if err := waitForVirtualWorkspace(ctx, client); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	s.informers = kcpinformers.NewSharedInformerFactory(client, 0)
	if err := s.installControllers(ctx, vwConfig); err != nil {
		return err
	}

	s.informers.Start(ctx.Done())
	defer s.informers.Shutdown()
	for typ, synced := range s.informers.WaitForCacheSync(ctx.Done()) {
		if !synced {
			logger.Info("stopped before the informer caches synced", "type", typ.String())
			return nil
		}
	}
	logger.Info("caches synced, starting controllers", "controllers", len(s.controllers))

	var wg sync.WaitGroup
	for _, c := range s.controllers {
		wg.Go(func() { c.run(ctx) })
	}
	s.ready.Store(true)
	<-ctx.Done()
	s.ready.Store(false)
	logger.Info("shutting down")
	wg.Wait()
	return nil
}
