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
	"os"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// side is one half of the benchmark: a provider workspace with its own
// APIExport and virtual workspace, and the consumer workspaces bound to it.
type side struct {
	name       string
	provider   logicalcluster.Path
	workspaces []logicalcluster.Path
	url        string // the export's virtual workspace
}

// env is the kcp both halves run on.
type env struct {
	kcp   *framework.KCP
	base  *rest.Config
	floor side
	ctrl  side
}

var root = logicalcluster.NewPath("root")

// setUp starts kcp in dir and prepares both sides with w consumer
// workspaces each. The floor and the controller get separate exports and
// workspaces of the same shape, so neither sees the other's objects.
func setUp(ctx context.Context, dir string, w int) (*env, error) {
	k, err := framework.StartKCP(ctx, dir)
	if err != nil {
		return nil, err
	}
	e := &env{kcp: k, floor: side{name: "floor"}, ctrl: side{name: "ctrl"}}
	if e.base, err = k.BaseConfig(); err != nil {
		return e, err
	}
	for _, s := range []*side{&e.floor, &e.ctrl} {
		if s.provider, err = framework.CreateWorkspace(ctx, e.base, root, "bench-"+s.name); err != nil {
			return e, err
		}
		if err := framework.CreateExport(ctx, e.base, s.provider); err != nil {
			return e, err
		}
		s.workspaces = make([]logicalcluster.Path, w)
	}
	// Interleave the sides so that both see kcp in the same state. A loaded
	// kcp may take more than the framework's minute for one workspace:
	// creating and binding are idempotent, so try again.
	err = framework.Parallel(ctx, 2*w, 16, func(ctx context.Context, i int) error {
		s := []*side{&e.floor, &e.ctrl}[i%2]
		var err error
		for range 3 {
			s.workspaces[i/2], err = framework.CreateWorkspace(ctx, e.base, root, fmt.Sprintf("%s-%03d", s.name, i/2))
			if err == nil {
				err = framework.BindAPIExport(ctx, e.base, s.workspaces[i/2], s.provider, framework.ExportName)
			}
			if err == nil || ctx.Err() != nil {
				break
			}
		}
		return err
	})
	if err != nil {
		return e, err
	}
	for _, s := range []*side{&e.floor, &e.ctrl} {
		if s.url, err = framework.VirtualWorkspaceURL(ctx, e.base, s.provider); err != nil {
			return e, err
		}
	}
	return e, nil
}

// tearDown stops kcp and removes dir unless keep is set.
func (e *env) tearDown(dir string, keep bool) {
	if e != nil && e.kcp != nil {
		if err := e.kcp.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "stopping kcp:", err)
		}
	}
	if keep {
		fmt.Fprintln(os.Stderr, "kept kcp's directory and logs in", dir)
		return
	}
	_ = os.RemoveAll(dir)
}
