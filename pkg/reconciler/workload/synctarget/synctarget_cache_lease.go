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
	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// compactLease keeps of a heartbeat Lease only what the controller reads: its
// key (cluster, namespace, name), resourceVersion, owner, the unreachable
// annotation, renewTime and duration. Labels, holder and timestamps go: a
// Lease costs the controller a few hundred bytes instead of a kilobyte or two.
func (c *Compactor) compactLease(in *coordinationv1.Lease) *coordinationv1.Lease {
	annotations := map[string]string{logicalcluster.AnnotationKey: in.Annotations[logicalcluster.AnnotationKey]}
	if reason, ok := in.Annotations[workloadv1alpha1.UnreachableAnnotation]; ok {
		annotations[workloadv1alpha1.UnreachableAnnotation] = reason
	} else {
		annotations = c.share(annotations)
	}
	out := &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{Name: in.Name, Namespace: intern(in.Namespace), ResourceVersion: in.ResourceVersion,
			Annotations: annotations, OwnerReferences: in.OwnerReferences},
		Spec: coordinationv1.LeaseSpec{RenewTime: in.Spec.RenewTime, LeaseDurationSeconds: in.Spec.LeaseDurationSeconds},
	}
	for i := range out.OwnerReferences {
		ref := &out.OwnerReferences[i]
		ref.APIVersion, ref.Kind = intern(ref.APIVersion), intern(ref.Kind)
	}
	return out
}
