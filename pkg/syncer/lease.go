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

package syncer

import (
	"context"
	"fmt"
	"math"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// getOrCreate reads the Lease, creating it owned by the SyncTarget (so it is
// deleted with it) when it does not exist yet.
func (h *Heartbeat) getOrCreate(ctx context.Context) (*coordinationv1.Lease, error) {
	name := workloadv1alpha1.HeartbeatLeaseName(h.SyncTarget)
	lease, err := h.Leases.Get(ctx, name, metav1.GetOptions{})
	if !apierrors.IsNotFound(err) {
		return lease, err
	}
	st, err := h.GetSyncTarget(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading SyncTarget %q for the Lease's owner: %w", h.SyncTarget, err)
	}
	return h.Leases.Create(ctx, NewLease(st, h.Identity, h.LeaseDuration), metav1.CreateOptions{})
}

// NewLease is the heartbeat Lease of st as a syncer creates it: owned by st,
// labelled for the controller's filter, held by identity, not renewed yet.
func NewLease(st *workloadv1alpha1.SyncTarget, identity string, duration time.Duration) *coordinationv1.Lease {
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{
			Name:      workloadv1alpha1.HeartbeatLeaseName(st.Name),
			Namespace: workloadv1alpha1.HeartbeatLeaseNamespace,
			Labels:    map[string]string{workloadv1alpha1.HeartbeatLabel: "true"},
			OwnerReferences: []metav1.OwnerReference{{
				APIVersion: workloadv1alpha1.SchemeGroupVersion.String(), Kind: "SyncTarget", Name: st.Name, UID: st.UID,
			}},
		},
		Spec: coordinationv1.LeaseSpec{HolderIdentity: ptr.To(identity), LeaseDurationSeconds: durationSeconds(duration)},
	}
}

// setAnnotation sets the unreachable annotation to reason, or removes it for
// "", and reports whether that changed the Lease. An outage keeps its first
// reason: a new error text must not cost a Lease and a SyncTarget write.
func setAnnotation(lease *coordinationv1.Lease, reason string) bool {
	_, had := lease.Annotations[workloadv1alpha1.UnreachableAnnotation]
	switch {
	case reason == "" && !had, reason != "" && had:
		return false
	case reason == "":
		delete(lease.Annotations, workloadv1alpha1.UnreachableAnnotation)
	default:
		if lease.Annotations == nil {
			lease.Annotations = map[string]string{}
		}
		lease.Annotations[workloadv1alpha1.UnreachableAnnotation] = reason
	}
	return true
}

// durationSeconds is d in whole seconds, as a Lease states it.
func durationSeconds(d time.Duration) *int32 {
	return ptr.To(int32(min(d/time.Second, math.MaxInt32))) //nolint:gosec // bounded by min
}
