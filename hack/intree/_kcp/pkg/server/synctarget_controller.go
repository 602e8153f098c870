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

	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"

	kcpfeatures "github.com/kcp-dev/kcp/pkg/features"
	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	workloadinformers "github.com/kcp-dev/kcp/sdk/client/informers/externalversions"
)

// installSyncTargetController installs the SyncTarget controller when the
// SyncTargetController feature gate is on. SyncTargets are served by root's
// workload.kcp.io APIExport, not by kcp's shared informer factories, so the
// controller gets a factory of its own on the identity-aware config. The factory
// starts only once the APIExport identities are resolved: a wildcard list
// without the identity would be rejected.
func (s *Server) installSyncTargetController(_ context.Context, config *rest.Config) error {
	if !kcpfeatures.DefaultFeatureGate.Enabled(kcpfeatures.SyncTargetController) {
		return nil
	}

	// NOTE: keep `config` unaltered so there isn't cross-use between controllers installed here.
	config = rest.AddUserAgent(rest.CopyConfig(config), synctarget.ControllerName)
	kcpClusterClient, err := workloadclientset.NewForConfig(config)
	if err != nil {
		return err
	}
	informerFactory := workloadinformers.NewSharedInformerFactory(kcpClusterClient, resyncPeriod)
	syncTargetInformer := informerFactory.Workload().V1alpha1().SyncTargets()

	c, err := synctarget.NewController(kcpClusterClient, syncTargetInformer)
	if err != nil {
		return err
	}

	return s.registerController(&controllerWrapper{
		Name: synctarget.ControllerName,
		Wait: func(ctx context.Context, s *Server) error {
			if err := s.WaitForSync(ctx.Done()); err != nil {
				return err
			}
			informerFactory.Start(ctx.Done())
			return wait.PollUntilContextCancel(ctx, waitPollInterval, true, func(ctx context.Context) (bool, error) {
				return syncTargetInformer.Informer().HasSynced(), nil
			})
		},
		Runner: func(ctx context.Context) {
			c.Start(ctx, 2)
		},
	})
}
