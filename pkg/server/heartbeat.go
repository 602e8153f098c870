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

package server

import (
	"context"
	"fmt"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
	"k8s.io/klog/v2"

	kcpkubernetesinformers "github.com/kcp-dev/client-go/informers"
	kcpkubernetes "github.com/kcp-dev/client-go/kubernetes"
	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
)

// LeaseClaim is the APIExport's claim on Leases with --heartbeat: read-only,
// the controller never writes a Lease.
var LeaseClaim = apisv1alpha2.PermissionClaim{
	GroupResource: apisv1alpha2.GroupResource{Group: coordinationv1.GroupName, Resource: "leases"},
	Verbs:         []string{"get", "list", "watch"},
}

// AcceptedLeaseClaim is what a consumer's APIBinding accepts: LeaseClaim
// for the heartbeat Leases only, so other Leases stay invisible to the manager.
func AcceptedLeaseClaim() apisv1alpha2.AcceptablePermissionClaim {
	return apisv1alpha2.AcceptablePermissionClaim{State: apisv1alpha2.ClaimAccepted,
		ScopedPermissionClaim: apisv1alpha2.ScopedPermissionClaim{PermissionClaim: LeaseClaim,
			Selector: apisv1alpha2.PermissionClaimSelector{LabelSelector: metav1.LabelSelector{
				MatchLabels: map[string]string{workloadv1alpha1.HeartbeatLabel: "true"}}}}}
}

// leaseInformers lists and watches the heartbeat Leases of every consumer
// workspace through the endpoint's virtual workspace, and nothing else.
func leaseInformers(config *rest.Config) (kcpkubernetesinformers.SharedInformerFactory, error) {
	client, err := kcpkubernetes.NewForConfig(config)
	if err != nil {
		return nil, err
	}
	return kcpkubernetesinformers.NewSharedInformerFactoryWithOptions(client, 0,
		kcpkubernetesinformers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.LabelSelector = workloadv1alpha1.HeartbeatLabel + "=true"
		}),
		kcpkubernetesinformers.WithTransform(synctarget.NewCompactor().Transform)), nil
}

// startAndSync starts the Lease informers and waits until they synced and
// the controller's handler has seen every Lease (handled), so that the
// controller's start-up grace begins with every Lease known.
func startAndSync(ctx context.Context, informers kcpkubernetesinformers.SharedInformerFactory, handled cache.InformerSynced) error {
	informers.Start(ctx.Done())
	for typ, ok := range informers.WaitForCacheSync(ctx.Done()) {
		if !ok {
			return fmt.Errorf("the %s informer did not sync: %w", typ, ctx.Err())
		}
	}
	if !cache.WaitForCacheSync(ctx.Done(), handled) {
		return fmt.Errorf("the SyncTarget controller did not see every heartbeat Lease: %w", ctx.Err())
	}
	klog.FromContext(ctx).V(2).Info("heartbeat Lease informer synced")
	return nil
}
