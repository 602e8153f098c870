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
	"k8s.io/klog/v2"

	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	kcpinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// controllerRunner is a controller installed in one endpoint's runner, run
// once its caches synced.
type controllerRunner struct {
	name  string
	run   func(ctx context.Context)
	stats syncTargetStats
}

// installer builds a controller on an endpoint's config and informers,
// requesting its informers before they start.
type installer func(config *rest.Config, informers kcpinformers.SharedInformerFactory, o *Options) (controllerRunner, error)

// installers maps each controller name to its installer; --controllers picks.
var installers = map[string]installer{
	synctarget.ControllerName: installSyncTargetController,
}

// knownControllers lists the installable controllers, sorted.
func knownControllers() []string {
	return slices.Sorted(maps.Keys(installers))
}

// installControllers installs every enabled controller for one endpoint.
// config points at the endpoint's virtual workspace.
func (s *Server) installControllers(config *rest.Config, informers kcpinformers.SharedInformerFactory) ([]controllerRunner, error) {
	var controllers []controllerRunner
	for _, name := range knownControllers() {
		if !s.config.Options.enabled(name) {
			continue
		}
		c, err := installers[name](config, informers, s.config.Options)
		if err != nil {
			return nil, fmt.Errorf("installing controller %s: %w", name, err)
		}
		controllers = append(controllers, c)
	}
	return controllers, nil
}

// installSyncTargetController installs the SyncTarget controller; with
// --heartbeat it also watches the heartbeat Leases, which it syncs before the
// workers start.
func installSyncTargetController(config *rest.Config, informers kcpinformers.SharedInformerFactory, o *Options) (controllerRunner, error) {
	syncTargets := informers.Workload().V1alpha1().SyncTargets()
	writes := &syncTargetWrites{lister: syncTargets.Lister()}
	config = rest.AddUserAgent(rest.CopyConfig(config), synctarget.ControllerName)
	config.Wrap(writes.wrap)
	client, err := syncTargetClient(config)
	if err != nil {
		return controllerRunner{}, err
	}
	c, err := synctarget.NewController(client, syncTargets)
	if err != nil {
		return controllerRunner{}, err
	}
	run := func(ctx context.Context) { c.Start(ctx, o.Workers) }
	if o.Heartbeat {
		leases, err := leaseInformers(config)
		if err != nil {
			return controllerRunner{}, err
		}
		synced, err := c.WithHeartbeats(leases.Coordination().V1().Leases())
		if err != nil {
			return controllerRunner{}, err
		}
		run = func(ctx context.Context) {
			defer leases.Shutdown()
			if err := startAndSync(ctx, leases, synced); err != nil {
				klog.FromContext(ctx).Error(err, "not starting the SyncTarget controller")
				return
			}
			c.Start(ctx, o.Workers)
		}
	}
	return controllerRunner{name: synctarget.ControllerName, run: run, stats: writes}, nil
}
