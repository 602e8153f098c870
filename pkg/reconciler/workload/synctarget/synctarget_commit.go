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

package synctarget

import (
	"context"
	"encoding/json"
	"fmt"

	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// statusPatch is the JSON merge patch commit sends to the status subresource.
// The old resourceVersion and uid are preconditions: a stale write gets a 409.
type statusPatch struct {
	Metadata statusPatchMetadata                `json:"metadata"`
	Status   *workloadv1alpha1.SyncTargetStatus `json:"status"`
}

type statusPatchMetadata struct {
	ResourceVersion string    `json:"resourceVersion"`
	UID             types.UID `json:"uid"`
}

// commit writes the status of obj when it differs from that of old, the
// object as read from the cache. An unchanged status costs no request.
func (c *controller) commit(ctx context.Context, old, obj *workloadv1alpha1.SyncTarget) error {
	logger := klog.FromContext(ctx)
	if equality.Semantic.DeepEqual(old.Status, obj.Status) {
		logger.V(4).Info("status unchanged, not patching")
		return nil
	}

	patch, err := json.Marshal(statusPatch{
		Metadata: statusPatchMetadata{ResourceVersion: old.ResourceVersion, UID: old.UID},
		Status:   &obj.Status,
	})
	if err != nil {
		return fmt.Errorf("failed to build the status patch: %w", err)
	}

	ready := meta.FindStatusCondition(obj.Status.Conditions, workloadv1alpha1.ReadyCondition)
	isReady := ready != nil && ready.Status == metav1.ConditionTrue
	logger.V(3).Info("patching status", "resourceVersion", old.ResourceVersion, "ready", isReady)
	if err := c.patchStatus(ctx, logicalcluster.From(old), old.Name, patch); err != nil {
		if apierrors.IsConflict(err) {
			c.conflicts.Add(1)
			return fmt.Errorf("SyncTarget changed since resourceVersion %s, will retry: %w", old.ResourceVersion, err)
		}
		return fmt.Errorf("failed to patch the status: %w", err)
	}

	if isReady {
		c.readyWrites.Add(1)
	} else {
		c.notReadyWrites.Add(1)
	}
	reason := ""
	if ready != nil {
		reason = ready.Reason
	}
	logger.V(3).Info("patched status", "ready", isReady, "reason", reason, "lastSyncTime", obj.Status.LastSyncTime)
	return nil
}
