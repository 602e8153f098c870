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
	"path/filepath"
	"time"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// setUpInTree starts the in-tree kcp twice, in dir/gate-off without the
// gate and in dir/gate-on with it, and gives each the same sides: one per
// pair, W workspaces each, named alike in both, bound to root's
// workload.kcp.io export. Both kcps run during the set-up only; it returns
// with neither running.
func setUpInTree(ctx context.Context, dir string, o *options) (off, on *kcpSlot, err error) {
	bin, err := framework.InTreeKCPBinary(ctx)
	if err != nil {
		return nil, nil, err
	}
	off, on = &kcpSlot{name: "gate-off"}, &kcpSlot{name: "gate-on", gate: true}
	slots := []*kcpSlot{off, on}
	// One after the other: kcp binds the ports the framework picked only
	// as it starts, so a second kcp picking meanwhile might pick the same.
	for _, s := range slots {
		if err = s.startFirst(ctx, filepath.Join(dir, s.name), bin); err != nil {
			break
		}
	}
	if err == nil {
		err = framework.Parallel(ctx, len(slots), len(slots), func(ctx context.Context, i int) error {
			return slots[i].setUpSides(ctx, o)
		})
	}
	for _, s := range slots {
		if s.running {
			if stopErr := s.stop(); err == nil {
				err = stopErr
			}
		}
	}
	return off, on, err
}

// startFirst starts the slot's kcp on a new directory.
func (s *kcpSlot) startFirst(ctx context.Context, dir, bin string) error {
	var args []string
	if s.gate {
		args = []string{gateOn}
	}
	k, err := framework.StartKCPWithOptions(ctx, dir, framework.Options{Binary: bin, Args: args})
	if err != nil {
		return fmt.Errorf("starting the %s kcp: %w", s.name, err)
	}
	s.k, s.running, s.readyAt = k, true, time.Now()
	s.base, err = k.BaseConfig()
	return err
}

// setUpSides creates and binds the slot's workspaces and finds root's
// virtual workspace.
func (s *kcpSlot) setUpSides(ctx context.Context, o *options) error {
	for i := range o.pairs {
		s.sides = append(s.sides, &side{name: fmt.Sprintf("pair-%d", i+1), provider: root, workspaces: make([]logicalcluster.Path, o.workspaces)})
	}
	// A loaded kcp may take more than the framework's minute for one
	// workspace: creating and binding are idempotent, so try again.
	err := framework.Parallel(ctx, o.pairs*o.workspaces, 8, func(ctx context.Context, i int) error {
		sd, w := s.sides[i%o.pairs], i/o.pairs
		var err error
		for range 3 {
			sd.workspaces[w], err = framework.CreateWorkspace(ctx, s.base, root, fmt.Sprintf("%s-%03d", sd.name, w))
			if err == nil {
				err = framework.BindAPIExport(ctx, s.base, sd.workspaces[w], root, framework.ExportName)
			}
			if err == nil || ctx.Err() != nil {
				break
			}
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("%s kcp: %w", s.name, err)
	}
	if s.url, err = framework.VirtualWorkspaceURL(ctx, s.base, root); err != nil {
		return fmt.Errorf("%s kcp: %w", s.name, err)
	}
	for _, sd := range s.sides {
		sd.url = s.url
	}
	return nil
}

// tearDownInTree stops whichever kcp runs and removes dir unless keep is set.
func tearDownInTree(dir string, keep bool, slots ...*kcpSlot) {
	for _, s := range slots {
		if s != nil && s.running {
			if err := s.stop(); err != nil {
				fmt.Fprintln(os.Stderr, err)
			}
		}
	}
	if keep {
		fmt.Fprintln(os.Stderr, "kept the kcps' directories and logs in", dir)
		return
	}
	_ = os.RemoveAll(dir)
}
