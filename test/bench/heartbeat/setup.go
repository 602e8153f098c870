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

package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	"github.com/kcp-dev/kcp/pkg/server"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

var root = logicalcluster.NewPath("root")

// env is the kcp of a run, its consumer workspaces and, out of tree, the manager.
type env struct {
	kcp     *framework.KCP
	base    *rest.Config
	manager *framework.Manager // nil in tree
	wss     []logicalcluster.Path
	// In tree: where kcp's heap profiles go ("" for nowhere), and how many went.
	profiles string
	samples  int
	// In tree: the syncers' physical cluster, a kcp that stays up while kcp
	// restarts for the memory samples (a busy kcp starting failed their
	// /readyz probes: rightful reports, writes the gates-off kcp never had).
	physical           *framework.KCP
	physicalKubeconfig string
}

// setUp starts kcp (and the manager) and binds the workspaces.
func setUp(ctx context.Context, dir string, o *options) (*env, error) {
	e := &env{profiles: o.profiles}
	opts := framework.Options{}
	if o.inTree {
		bin, err := framework.InTreeKCPBinary(ctx)
		if err != nil {
			return nil, err
		}
		opts = framework.Options{Binary: bin, Args: []string{"--feature-gates=SyncTargetController=true,SyncTargetHeartbeat=true"}}
		if err := e.startPhysical(ctx, dir); err != nil {
			return e, err
		}
	}
	var err error
	if e.kcp, err = framework.StartKCPWithOptions(ctx, filepath.Join(dir, "kcp"), opts); err != nil {
		return nil, err
	}
	if e.base, err = e.kcp.BaseConfig(); err != nil {
		return e, err
	}
	provider := root // in tree, kcp serves root's export
	var claims []apisv1alpha2.AcceptablePermissionClaim
	if !o.inTree {
		if provider, err = framework.CreateWorkspace(ctx, e.base, root, "provider"); err != nil {
			return e, err
		}
		if err := exportWithLeaseClaim(ctx, e.base, provider); err != nil {
			return e, err
		}
		claims = append(claims, server.AcceptedLeaseClaim())
	}
	for i := range o.workspaces {
		ws, err := framework.CreateWorkspace(ctx, e.base, root, fmt.Sprintf("consumer-%d", i))
		if err != nil {
			return e, err
		}
		if err := framework.BindAPIExport(ctx, e.base, ws, provider, framework.ExportName, claims...); err != nil {
			return e, err
		}
		e.wss = append(e.wss, ws)
	}
	if !o.inTree {
		if e.manager, err = startManager(ctx, dir, e, provider); err != nil {
			return e, err
		}
	}
	return e, nil
}

// exportWithLeaseClaim creates the export in provider with the Lease claim
// that the manager's --heartbeat bootstrap would add.
func exportWithLeaseClaim(ctx context.Context, base *rest.Config, provider logicalcluster.Path) error {
	if err := framework.CreateExport(ctx, base, provider); err != nil {
		return err
	}
	kcp, err := kcpclientset.NewForConfig(base)
	if err != nil {
		return err
	}
	exports := kcp.Cluster(provider).ApisV1alpha2().APIExports()
	export, err := exports.Get(ctx, framework.ExportName, metav1.GetOptions{})
	if err != nil {
		return err
	}
	export.Spec.PermissionClaims = append(export.Spec.PermissionClaims, server.LeaseClaim)
	_, err = exports.Update(ctx, export, metav1.UpdateOptions{})
	return err
}

func startManager(ctx context.Context, dir string, e *env, provider logicalcluster.Path) (*framework.Manager, error) {
	bin, err := framework.BuildManager(ctx, dir, false)
	if err != nil {
		return nil, err
	}
	m, err := framework.StartManager(ctx, bin, filepath.Join(dir, "manager.log"), "--kubeconfig="+e.kcp.AdminKubeconfig(),
		"--context=root", "--provider-workspace="+provider.String(), "--heartbeat")
	if err != nil {
		return nil, err
	}
	err = m.WaitServing(ctx, 2*time.Minute)
	return m, err
}

// startPhysical starts the physical cluster's kcp and writes its kubeconfig.
func (e *env) startPhysical(ctx context.Context, dir string) error {
	var err error
	if e.physical, err = framework.StartKCP(ctx, filepath.Join(dir, "physical")); err != nil {
		return err
	}
	cfg, err := e.physical.BaseConfig()
	if err != nil {
		return err
	}
	e.physicalKubeconfig = filepath.Join(dir, "physical.kubeconfig")
	return framework.WriteKubeconfig(cfg, e.physicalKubeconfig)
}
