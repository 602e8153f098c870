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
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// warmUp sends each kind of request the measured phases send (a create
// through the workspace, a status patch through the virtual workspace, a
// delete) once in every consumer workspace of every side, so that no phase
// pays kcp's first-request costs inside its measurement. The objects are
// deleted again: every side starts empty.
func warmUp(ctx context.Context, e *env, o *options) error {
	for _, s := range e.sides() {
		patches, err := patchClient(e, s, o)
		if err != nil {
			return err
		}
		if err := warmSide(ctx, creator(e), patches, s.workspaces, o, true); err != nil {
			return err
		}
	}
	return nil
}

// warmSide creates and patches (with patches) one SyncTarget in every
// workspace of ws, and deletes it again if del is set.
func warmSide(ctx context.Context, creates, patches workloadclientset.ClusterInterface, ws []logicalcluster.Path, o *options, del bool) error {
	return framework.Parallel(ctx, len(ws), o.parallelism, func(ctx context.Context, i int) error {
		syncTargets := creates.Cluster(ws[i]).WorkloadV1alpha1().SyncTargets()
		st, err := syncTargets.Create(ctx, &workloadv1alpha1.SyncTarget{
			ObjectMeta: metav1.ObjectMeta{Name: "warm-up"},
			Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: ws[i].String()},
		}, metav1.CreateOptions{})
		if err != nil {
			return err
		}
		if err := patchReady(ctx, patches, st); err != nil || !del {
			return err
		}
		return syncTargets.Delete(ctx, st.Name, metav1.DeleteOptions{})
	})
}

// patchClient is the bare client of the floor: through the side's virtual
// workspace, with the manager's QPS and burst per workspace.
func patchClient(e *env, s *side, o *options) (workloadclientset.ClusterInterface, error) {
	cfg := rest.CopyConfig(framework.VirtualWorkspaceConfig(e.base, s.url))
	cfg.QPS, cfg.Burst = o.qps, o.burst
	rest.AddUserAgent(cfg, "bench-floor")
	return workloadclientset.NewForConfig(cfg)
}

// warmManager has the manager make one SyncTarget per consumer workspace of
// its side s Ready and then sees them deleted, so the memory sampled next is
// that of a manager that has worked once, with empty caches: one-time costs
// (code pages, type caches, connection buffers) are not charged to the N
// objects, and the manager's first request is not inside the measurement
// either, as the floor's is not. It returns the writes the manager counted.
func warmManager(ctx context.Context, e *env, s *side, o *options, m *framework.Manager) (float64, error) {
	creates := creator(e)
	ws := s.workspaces
	err := framework.Parallel(ctx, len(ws), o.parallelism, func(ctx context.Context, i int) error {
		_, err := creates.Cluster(ws[i]).WorkloadV1alpha1().SyncTargets().Create(ctx, &workloadv1alpha1.SyncTarget{
			ObjectMeta: metav1.ObjectMeta{Name: "warm-up-manager"},
			Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: ws[i].String()},
		}, metav1.CreateOptions{})
		return err
	})
	if err != nil {
		return 0, err
	}
	var written float64
	if err := pollMetrics(ctx, m, time.Minute, func(ms *scrape) bool {
		written = ms.writes()
		return written >= float64(len(ws))
	}); err != nil {
		return 0, fmt.Errorf("the manager did not make the warm-up objects Ready: %w", err)
	}
	err = framework.Parallel(ctx, len(ws), o.parallelism, func(ctx context.Context, i int) error {
		return creates.Cluster(ws[i]).WorkloadV1alpha1().SyncTargets().Delete(ctx, "warm-up-manager", metav1.DeleteOptions{})
	})
	if err != nil {
		return 0, err
	}
	return written, pollMetrics(ctx, m, time.Minute, func(ms *scrape) bool {
		return ms.sum("kcp_synctarget_synctargets", nil) == 0
	})
}
