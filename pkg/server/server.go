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
// workload.kcp.io APIExport and, while it leads, serves every shard that holds
// a binding: one runner (client, informers, controllers) per endpoint of the
// export's APIExportEndpointSlice, started and stopped as the slice changes.
package server

import (
	"context"
	"fmt"
	"net"
	"sync/atomic"

	"k8s.io/component-base/metrics"
	"k8s.io/klog/v2"
)

// Server runs the controllers. Build it with NewServer and call Run once.
type Server struct {
	config      *Config
	metrics     metrics.KubeRegistry
	runners     *runnerSet
	leading     atomic.Bool
	sliceSynced atomic.Bool
	healthAddr  atomic.Pointer[string]
}

// NewServer returns a server for a completed configuration.
func NewServer(config *Config) *Server {
	s := &Server{config: config, metrics: metrics.NewKubeRegistry()}
	s.runners = newRunnerSet(s.serveEndpoint)
	s.metrics.CustomMustRegister(newCollector(s.runners, s.leading.Load))
	return s
}

// HealthAddr is the address /healthz, /readyz and /metrics are served on,
// once Run has bound it; empty before or when disabled.
func (s *Server) HealthAddr() string {
	if addr := s.healthAddr.Load(); addr != nil {
		return *addr
	}
	return ""
}

// Run serves until ctx ends, then stops the runners and returns nil. With
// leader election it stands by until it holds the Lease; it returns an error
// when it loses the Lease or kcp cannot be set up.
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

	if !opts.LeaderElection.Enabled {
		s.leading.Store(true)
		defer s.leading.Store(false)
		return s.lead(ctx)
	}
	return s.runElected(ctx)
}

// ready is /readyz: a standby is ready (standing by is its job); a leader is
// ready once it knows the endpoints and every runner's caches synced.
func (s *Server) ready() bool {
	if !s.leading.Load() {
		return true
	}
	return s.sliceSynced.Load() && s.runners.synced()
}
