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

// Package syncer is the syncer's Phase 2 part: the heartbeat. It renews the
// heartbeat Lease of one SyncTarget while the physical cluster it serves is
// ready, so that every renewal proves both ends: kcp and the cluster.
package syncer

import (
	"context"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	coordinationv1client "k8s.io/client-go/kubernetes/typed/coordination/v1"
	"k8s.io/klog/v2"
	"k8s.io/utils/ptr"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// Reasons for not renewing, as logged and as the failures metric's label.
const (
	ReasonPhysicalClusterUnreachable = "PhysicalClusterUnreachable"
	ReasonLeaseWriteFailed           = "LeaseWriteFailed"
)

// Heartbeat renews the Lease of SyncTarget every RenewInterval. A test sets
// the func fields; NewHeartbeat wires them to real clients.
type Heartbeat struct {
	SyncTarget    string
	Identity      string
	RenewInterval time.Duration
	LeaseDuration time.Duration
	Leases        coordinationv1client.LeaseInterface // in HeartbeatLeaseNamespace
	// GetSyncTarget reads the SyncTarget, whose UID the Lease's owner reference needs.
	GetSyncTarget func(ctx context.Context) (*workloadv1alpha1.SyncTarget, error)
	// Probe fails while the physical cluster is not ready.
	Probe   func(ctx context.Context) error
	Now     func() time.Time // the syncer's clock, which may be skewed
	Metrics *Metrics

	lease *coordinationv1.Lease // as last written, so a renewal keeps kcp's labels
}

// Run beats on schedule until ctx ends.
func (h *Heartbeat) Run(ctx context.Context) {
	klog.FromContext(ctx).Info("renewing the heartbeat Lease", "syncTarget", h.SyncTarget,
		"lease", workloadv1alpha1.HeartbeatLeaseName(h.SyncTarget), "renewInterval", h.RenewInterval)
	wait.NonSlidingUntilWithContext(ctx, h.Beat, h.RenewInterval)
}

// Beat renews the Lease once if the physical cluster is ready; if it is
// not, it marks the Lease unreachable instead (once per outage).
func (h *Heartbeat) Beat(ctx context.Context) {
	logger := klog.FromContext(ctx)
	probeCtx, cancel := context.WithTimeout(ctx, h.RenewInterval/2)
	err := h.Probe(probeCtx)
	cancel()
	if err != nil {
		h.Metrics.notRenewing(ReasonPhysicalClusterUnreachable)
		logger.Info("not renewing the heartbeat: the physical cluster is not ready", "err", err.Error())
		if werr := h.write(ctx, func(l *coordinationv1.Lease) bool {
			return setAnnotation(l, "physical cluster /readyz: "+err.Error())
		}); werr != nil {
			logger.Info("could not report the physical cluster as unreachable", "err", werr.Error())
		}
		return
	}
	err = h.write(ctx, func(l *coordinationv1.Lease) bool {
		setAnnotation(l, "")
		l.Spec.RenewTime = ptr.To(metav1.NewMicroTime(h.Now()))
		l.Spec.HolderIdentity = ptr.To(h.Identity)
		l.Spec.LeaseDurationSeconds = durationSeconds(h.LeaseDuration)
		return true
	})
	if err != nil {
		h.Metrics.notRenewing(ReasonLeaseWriteFailed)
		logger.Info("failed to renew the heartbeat Lease", "err", err.Error())
		return
	}
	h.Metrics.renewed(h.lease.Spec.RenewTime.Time)
}

// write applies change to the Lease and writes it when change says it
// changed: one Update, or the Lease's creation. A conflict rereads and
// retries once, as kcp adds labels to claimed Leases.
func (h *Heartbeat) write(ctx context.Context, change func(*coordinationv1.Lease) bool) error {
	var (
		updated *coordinationv1.Lease
		err     error
	)
	for range 2 {
		if h.lease == nil {
			if h.lease, err = h.getOrCreate(ctx); err != nil {
				h.lease = nil // a failed call returns an empty object, not nil
				return err
			}
		}
		next := h.lease.DeepCopy()
		if !change(next) {
			return nil
		}
		if updated, err = h.Leases.Update(ctx, next, metav1.UpdateOptions{}); err == nil {
			h.lease = updated
			return nil
		}
		h.lease = nil // reread before the next attempt
		if !apierrors.IsConflict(err) {
			return err
		}
	}
	return err
}
