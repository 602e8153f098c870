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

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/utils/ptr"

	kcpkubernetes "github.com/kcp-dev/client-go/kubernetes"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// In tree the memory per target is a slope between kcp processes, whose
// live heaps differ by some MiB however they are sampled: at the default N
// that is more than the whole budget (500 × 3 KiB). So before the samples
// with every target stored, -mem-extra SyncTargets are added, each with a
// heartbeat Lease as a syncer creates it, which nobody renews: the
// controller caches them as it caches a live target's, one SyncTarget, one
// Lease, one observation. They are left to expire first, so that no process
// sampled writes their status.

// extraTargets names the SyncTargets added for the memory samples.
func extraTargets(e *env, o *options) []target {
	out := make([]target, o.memExtra)
	for i := range out {
		out[i] = target{ws: e.wss[i%len(e.wss)], name: fmt.Sprintf("mem-%05d", i)}
	}
	return out
}

// addExtras creates the extra SyncTargets and their Leases and waits until
// the watcher sees every one of them expired.
func addExtras(ctx context.Context, e *env, o *options, w *watcher) error {
	ts := extraTargets(e, o)
	start := time.Now()
	if err := createSyncTargets(ctx, e, ts); err != nil {
		return err
	}
	workload, err := workloadclientset.NewForConfig(e.base)
	if err != nil {
		return err
	}
	kube, err := kcpkubernetes.NewForConfig(e.base)
	if err != nil {
		return err
	}
	err = forEach(ts, func(t target) error {
		st, err := workload.Cluster(t.ws).WorkloadV1alpha1().SyncTargets().Get(ctx, t.name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		_, err = kube.Cluster(t.ws).CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace).Create(ctx,
			unrenewedLease(st, o.lease), metav1.CreateOptions{})
		return err
	})
	if err != nil {
		return err
	}
	expired := 0
	err = wait.PollUntilContextTimeout(ctx, time.Second, o.lease+5*time.Minute, true, func(context.Context) (bool, error) {
		snap := w.snapshot()
		expired = 0
		for _, t := range ts {
			if s := snap[t]; s.reason == workloadv1alpha1.SyncerHeartbeatExpiredReason {
				expired++
			}
		}
		return expired == len(ts), nil
	})
	if err != nil {
		return fmt.Errorf("%d of %d extra SyncTargets expired: %w", expired, len(ts), err)
	}
	fmt.Printf("%d extra SyncTargets with unrenewed Leases, expired %s after their creation began\n",
		len(ts), time.Since(start).Round(time.Second))
	return nil
}

// unrenewedLease is the heartbeat Lease a syncer would create for st.
func unrenewedLease(st *workloadv1alpha1.SyncTarget, duration time.Duration) *coordinationv1.Lease {
	now := metav1.NewMicroTime(time.Now())
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{
			Name:      workloadv1alpha1.HeartbeatLeaseName(st.Name),
			Namespace: workloadv1alpha1.HeartbeatLeaseNamespace,
			Labels:    map[string]string{workloadv1alpha1.HeartbeatLabel: "true"},
			OwnerReferences: []metav1.OwnerReference{{
				APIVersion: workloadv1alpha1.SchemeGroupVersion.String(), Kind: "SyncTarget", Name: st.Name, UID: st.UID,
			}},
		},
		Spec: coordinationv1.LeaseSpec{
			HolderIdentity:       ptr.To("bench-" + st.Name),
			LeaseDurationSeconds: ptr.To(int32(duration / time.Second)), //nolint:gosec // a flag's seconds
			RenewTime:            &now,
		},
	}
}
