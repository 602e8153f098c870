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
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/utils/ptr"

	kcpkubernetes "github.com/kcp-dev/client-go/kubernetes"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/syncer"
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
	workload, err := workloadclientset.NewForConfig(e.base)
	if err != nil {
		return err
	}
	kube, err := kcpkubernetes.NewForConfig(e.base)
	if err != nil {
		return err
	}
	err = forEach(ts, func(t target) error {
		st, err := workload.Cluster(t.ws).WorkloadV1alpha1().SyncTargets().Create(ctx, t.syncTarget(), metav1.CreateOptions{})
		if err != nil {
			return err
		}
		lease := syncer.NewLease(st, "bench-"+st.Name, o.lease)
		lease.Spec.RenewTime = ptr.To(metav1.NewMicroTime(time.Now())) // one renewal, then none
		_, err = kube.Cluster(t.ws).CoordinationV1().Leases(lease.Namespace).Create(ctx, lease, metav1.CreateOptions{})
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
