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

// side is what one phase measures on: a provider workspace with its own
// APIExport and virtual workspace, and the consumer workspaces bound to it.
type side struct {
	name       string
	provider   logicalcluster.Path
	workspaces []logicalcluster.Path
	url        string // the export's virtual workspace
}

// env is the kcp every phase runs on, and a side for each phase: floors[i]
// and ctrls[i] for pair i.
type env struct {
	kcp           *framework.KCP
	base          *rest.Config
	floors, ctrls []*side
}

var root = logicalcluster.NewPath("root")

// sides lists every side, the floor and the controller side of each pair in turn.
func (e *env) sides() []*side {
	out := make([]*side, 0, 2*len(e.floors))
	for i := range e.floors {
		out = append(out, e.floors[i], e.ctrls[i])
	}
	return out
}

// setUp starts kcp in dir and prepares a floor and a controller side with w
// consumer workspaces each for every pair. The sides are all created before
// any phase runs, interleaved, so that each phase finds kcp in the same
// shape but for the objects earlier phases created; no phase sees another
// phase's objects or export.
func setUp(ctx context.Context, dir string, w, pairs int) (*env, error) {
	k, err := framework.StartKCP(ctx, dir)
	if err != nil {
		return nil, err
	}
	e := &env{kcp: k}
	if e.base, err = k.BaseConfig(); err != nil {
		return e, err
	}
	for i := range pairs {
		e.floors = append(e.floors, &side{name: fmt.Sprintf("floor-%d", i+1)})
		e.ctrls = append(e.ctrls, &side{name: fmt.Sprintf("ctrl-%d", i+1)})
	}
	sides := e.sides()
	err = framework.Parallel(ctx, len(sides), 16, func(ctx context.Context, i int) error {
		s := sides[i]
		s.workspaces = make([]logicalcluster.Path, w)
		provider, err := framework.CreateWorkspace(ctx, e.base, root, "bench-"+s.name)
		if err != nil {
			return err
		}
		s.provider = provider
		return framework.CreateExport(ctx, e.base, provider)
	})
	if err != nil {
		return e, err
	}
	// A loaded kcp may take more than the framework's minute for one
	// workspace: creating and binding are idempotent, so try again.
	err = framework.Parallel(ctx, len(sides)*w, 16, func(ctx context.Context, i int) error {
		s := sides[i%len(sides)]
		var err error
		for range 3 {
			s.workspaces[i/len(sides)], err = framework.CreateWorkspace(ctx, e.base, root, fmt.Sprintf("%s-%03d", s.name, i/len(sides)))
			if err == nil {
				err = framework.BindAPIExport(ctx, e.base, s.workspaces[i/len(sides)], s.provider, framework.ExportName)
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
	for _, s := range sides {
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
