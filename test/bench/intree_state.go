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
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// state checks the gate-on kcp after the last controller phase: status
// PATCHes during the steady window; a restart on the same directory, then
// status PATCHes of the fresh process until its queue drained and during
// the restart window, in which its memory is sampled; then the gate-off
// kcp, started afresh on its directory, sampled at the same ages.
func (p *inTree) state(ctx context.Context, r *inTreeResult) error {
	on, o, rec := p.on, p.o, p.last
	defer rec.Stop()
	c0, err := on.patches(ctx)
	if err != nil {
		return err
	}
	w0 := rec.Totals().Writes
	logf("steady: counting kcp's status PATCHes for %s", o.steady)
	if err := window(ctx, o.steady); err != nil {
		return err
	}
	c1, err := on.patches(ctx)
	if err != nil {
		return err
	}
	r.steadyCounted, r.steadyWatched = c1-c0, rec.Totals().Writes-w0
	before := rec.Snapshot()
	rec.Stop() // Before kcp stops: kcp waits for watches to end.

	logf("restart: SIGTERM to the gate-on kcp, then a new one on its directory")
	if err := on.stop(); err != nil {
		return err
	}
	if err := on.start(ctx, o); err != nil {
		return err
	}
	r.drained = time.Since(on.readyAt)
	ages := make([]time.Duration, memSamples)
	for i := range ages {
		ages[i] = r.drained + o.restartWindow + o.memWindow*time.Duration(i)/(memSamples-1)
	}
	logf("restart: queue drained %s after ready; counting PATCHes for %s", r.drained.Round(time.Millisecond), o.restartWindow)
	if err := window(ctx, o.restartWindow); err != nil {
		return err
	}
	if r.restartCounted, err = on.patches(ctx); err != nil {
		return err
	}
	logf("memory: the gate-on kcp, %d samples over %s", memSamples, o.memWindow)
	if r.memOn, err = sampleWatchedMemoryAt(ctx, on, ages); err != nil {
		return err
	}
	if r.restartChanged, err = changed(ctx, on, before); err != nil {
		return err
	}
	r.stored = on.stored
	if err := p.use(ctx, p.off); err != nil {
		return err
	}
	logf("memory: the gate-off kcp, sampled at the same ages")
	r.memOff, err = sampleWatchedMemoryAt(ctx, p.off, ages)
	if err == nil && p.off.stored != on.stored {
		err = fmt.Errorf("the kcps store %d and %d SyncTargets, want the same", p.off.stored, on.stored)
	}
	return err
}

// changed counts the SyncTargets of s whose resourceVersion is not the one
// recorded before, missing ones included.
func changed(ctx context.Context, s *kcpSlot, before map[framework.ObjectKey]framework.ObjectRecord) (int, error) {
	client, err := workloadclientset.NewForConfig(framework.VirtualWorkspaceConfig(s.base, s.url))
	if err != nil {
		return 0, err
	}
	list, err := client.WorkloadV1alpha1().SyncTargets().List(ctx, metav1.ListOptions{})
	if err != nil {
		return 0, err
	}
	present, same := 0, 0
	for i := range list.Items {
		st := &list.Items[i]
		if rec, ok := before[framework.ObjectKey{Cluster: logicalcluster.From(st), Name: st.Name}]; ok {
			present++
			if rec.ResourceVersion == st.ResourceVersion {
				same++
			}
		}
	}
	return len(list.Items) - same + len(before) - present, nil
}
