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
	"os"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/client-go/rest"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// floorResult is what the bare client achieved.
type floorResult struct {
	duration time.Duration // first create to last patch acknowledged
	patches  int64
	// kcpPatches is kcp's own count of status PATCHes in the phase (in-tree).
	kcpPatches float64
	created    creation
	cpu        cpuUse
	watched    framework.Totals
}

// floorTarget is where a floor phase runs: the workspaces it creates in,
// the client that patches, the config its recorder watches through and
// kcp's process.
type floorTarget struct {
	load             framework.Load
	creates, patches workloadclientset.ClusterInterface
	watch            *rest.Config
	kcpPID           int
}

// runFloor creates N SyncTargets on side s and sends exactly one status
// patch per object as soon as its create returns: the same patch the
// controller sends, through the same kind of virtual workspace, with
// `workers` goroutines and the manager's client QPS/burst per workspace.
// Nothing faster can make N objects Ready.
func runFloor(ctx context.Context, e *env, s *side, o *options) (*floorResult, error) {
	client, err := patchClient(e, s, o)
	if err != nil {
		return nil, err
	}
	return floorOn(ctx, o, floorTarget{
		load: o.load(s.workspaces, s.name), creates: creator(e), patches: client,
		watch: framework.VirtualWorkspaceConfig(e.base, s.url), kcpPID: e.kcp.PID(),
	})
}

// floorOn runs one floor phase on t. A recorder watches t to count the
// writes (objects it found at its start excluded); it is stopped before
// the phase returns, so that no later phase pays for its watch.
func floorOn(ctx context.Context, o *options, t floorTarget) (*floorResult, error) {
	rec, err := framework.StartRecorder(ctx, t.watch)
	if err != nil {
		return nil, err
	}
	defer rec.Stop()
	already := rec.Totals()

	created := make(chan *workloadv1alpha1.SyncTarget, o.n)
	var patches atomic.Int64
	var lastAck atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, o.workers+1)
	for range o.workers {
		wg.Go(func() {
			for st := range created {
				if err := patchReady(ctx, t.patches, st); err != nil {
					errs <- err
					return
				}
				patches.Add(1)
				storeMax(&lastAck, time.Now().UnixNano())
			}
		})
	}
	load := t.load
	load.Created = func(st *workloadv1alpha1.SyncTarget) { created <- st }
	pids := map[string]int{"kcp": t.kcpPID, "bench": os.Getpid()}
	cpu := sampleCPU(pids)
	start := time.Now()
	retries, err := load.Create(ctx, t.creates)
	made := creation{time.Since(start), retries}
	close(created)
	wg.Wait()
	used := cpu.until(sampleCPU(pids))
	close(errs)
	if err == nil {
		err = <-errs
	}
	if err != nil {
		return nil, err
	}
	res := &floorResult{duration: time.Unix(0, lastAck.Load()).Sub(start), patches: patches.Load(), created: made, cpu: used}
	res.watched, err = rec.WaitFor(ctx, time.Minute, func(t framework.Totals) bool { return t.Ready-already.Ready == o.n })
	res.watched = since0(res.watched, already)
	return res, err
}

// since0 is what a recorder saw after it had found already at its start.
func since0(t, already framework.Totals) framework.Totals {
	t.Objects -= already.Objects
	t.Ready -= already.Ready
	t.Deleted -= already.Deleted
	t.Writes -= already.Writes
	t.ReadyWrites -= already.ReadyWrites
	return t
}
