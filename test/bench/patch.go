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

// Command bench measures the synctarget controller manager against the
// physical floor on a real single-shard kcp and checks the performance goals
// of issue 7. See README.md beside it; run it with `make bench`.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

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
