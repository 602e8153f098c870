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

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// warmController has kcp's controller make one SyncTarget per workspace of
// s Ready and waits until its queue is quiet again: as in the floor's
// warm-up, the phase's first requests to each workspace (and the
// controller's first writes in this process) fall outside the measurement.
// The objects stay, as the floor's do, so both kcps store the same.
func warmController(ctx context.Context, k *kcpSlot, s *side, o *options) error {
	ms, err := k.scrapeKCP(ctx)
	if err != nil {
		return err
	}
	p0 := countPatches(ms, nil)
	adds0, err := ms.Sum("workqueue_adds_total", queue)
	if err != nil {
		return err
	}
	creates, ws := creatorFor(k.base), s.workspaces
	err = framework.Parallel(ctx, len(ws), o.parallelism, func(ctx context.Context, i int) error {
		_, err := creates.Cluster(ws[i]).WorkloadV1alpha1().SyncTargets().Create(ctx, &workloadv1alpha1.SyncTarget{
			ObjectMeta: metav1.ObjectMeta{Name: "warm-up"},
			Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: ws[i].String()},
		}, metav1.CreateOptions{})
		return err
	})
	if err != nil {
		return err
	}
	k.stored += len(ws)
	// Each object is queued by its create and again by the update its
	// status write causes, which finds nothing to do: after 2 adds each and
	// an empty queue, the controller is done with them.
	err = pollKCP(ctx, k.k, o.phaseTimeout(), func(ms *scrape) bool {
		return countPatches(ms.ms, nil) >= p0+float64(len(ws)) &&
			ms.sum("workqueue_adds_total", queue) >= adds0+float64(2*len(ws)) &&
			ms.sum("workqueue_depth", queue) == 0 &&
			ms.sum("workqueue_unfinished_work_seconds", queue) == 0
	})
	if err != nil {
		return fmt.Errorf("kcp's controller did not make the warm-up objects Ready: %w", err)
	}
	return nil
}
