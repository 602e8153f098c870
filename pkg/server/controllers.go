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
	"maps"
	"slices"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// controllerRunner is an installed controller, run once the caches synced.
type controllerRunner struct {
	name string
	run  func(ctx context.Context)
}

// installers maps each controller name to its installer; --controllers picks.
var installers = map[string]func(s *Server, ctx context.Context, config *rest.Config) error{
	synctarget.ControllerName: (*Server).installSyncTargetController,
}

// knownControllers lists the installable controllers, sorted.
func knownControllers() []string {
	return slices.Sorted(maps.Keys(installers))
}

// installControllers installs every enabled controller. config points at the
// APIExport's virtual workspace.
func (s *Server) installControllers(ctx context.Context, config *rest.Config) error {
	for _, name := range knownControllers() {
		if !s.config.Options.enabled(name) {
			continue
		}
		if err := installers[name](s, ctx, config); err != nil {
			return fmt.Errorf("installing controller %s: %w", name, err)
		}
	}
	return nil
}

func (s *Server) installSyncTargetController(_ context.Context, config *rest.Config) error {
	config = rest.CopyConfig(config)
	config = rest.AddUserAgent(config, synctarget.ControllerName)
	client, err := workloadclientset.NewForConfig(config)
	if err != nil {
		return err
	}
	c, err := synctarget.NewController(client, s.informers.Workload().V1alpha1().SyncTargets())
	if err != nil {
		return err
	}
	if err := s.metrics.CustomRegister(newSyncTargetCollector(c)); err != nil {
		return err
	}
	workers := s.config.Options.Workers
	s.controllers = append(s.controllers, controllerRunner{
		name: synctarget.ControllerName,
		run:  func(ctx context.Context) { c.Start(ctx, workers) },
	})
	return nil
}
