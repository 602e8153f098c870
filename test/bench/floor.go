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
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// floorResult is what the bare client achieved.
type floorResult struct {
	duration time.Duration // first create to last patch acknowledged
	patches  int64
	created  creation
	cpu      cpuUse
	watched  framework.Totals
}

// runFloor creates N SyncTargets on side s and sends exactly one status
// patch per object as soon as its create returns: the same patch the
// controller sends, through the same kind of virtual workspace, with
// `workers` goroutines and the manager's client QPS/burst per workspace.
// Nothing faster can make N objects Ready. A recorder watches the side to
// count the writes; it is stopped before the phase returns, so that no later
// phase pays for its watch.
func runFloor(ctx context.Context, e *env, s *side, o *options) (*floorResult, error) {
	rec, err := framework.StartRecorder(ctx, framework.VirtualWorkspaceConfig(e.base, s.url))
	if err != nil {
		return nil, err
	}
	defer rec.Stop()
	client, err := patchClient(e, s, o)
	if err != nil {
		return nil, err
	}

	created := make(chan *workloadv1alpha1.SyncTarget, o.n)
	var patches atomic.Int64
	var lastAck atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, o.workers+1)
	for range o.workers {
		wg.Go(func() {
			for st := range created {
				if err := patchReady(ctx, client, st); err != nil {
					errs <- err
					return
				}
				patches.Add(1)
				storeMax(&lastAck, time.Now().UnixNano())
			}
		})
	}
	load := o.load(s.workspaces, s.name)
	load.Created = func(st *workloadv1alpha1.SyncTarget) { created <- st }
	pids := map[string]int{"kcp": e.kcp.PID(), "bench": os.Getpid()}
	cpu := sampleCPU(pids)
	start := time.Now()
	retries, err := load.Create(ctx, creator(e))
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
	res.watched, err = rec.WaitFor(ctx, time.Minute, func(t framework.Totals) bool { return t.Ready == o.n })
	return res, err
}

// patchReady sends the status patch the controller sends for a new, valid
// SyncTarget: Ready=True with the preconditions resourceVersion and uid.
func patchReady(ctx context.Context, client workloadclientset.ClusterInterface, st *workloadv1alpha1.SyncTarget) error {
	now := metav1.NewTime(time.Now()).Rfc3339Copy()
	patch := map[string]any{
		"metadata": map[string]any{"resourceVersion": st.ResourceVersion, "uid": st.UID},
		"status": workloadv1alpha1.SyncTargetStatus{
			Conditions: []metav1.Condition{{
				Type:               workloadv1alpha1.ReadyCondition,
				Status:             metav1.ConditionTrue,
				ObservedGeneration: st.Generation,
				LastTransitionTime: now,
				Reason:             workloadv1alpha1.SyncTargetReadyReason,
				Message:            "The SyncTarget spec is valid.",
			}},
			LastSyncTime: &now,
		},
	}
	body, err := json.Marshal(patch)
	if err != nil {
		return err
	}
	_, err = client.Cluster(logicalcluster.From(st).Path()).WorkloadV1alpha1().SyncTargets().
		Patch(ctx, st.Name, types.MergePatchType, body, metav1.PatchOptions{}, "status")
	if err != nil {
		return fmt.Errorf("floor patch of %s|%s: %w", logicalcluster.From(st), st.Name, err)
	}
	return nil
}

// storeMax raises a to v unless it holds more already.
func storeMax(a *atomic.Int64, v int64) {
	for old := a.Load(); v > old && !a.CompareAndSwap(old, v); old = a.Load() {
	}
}
