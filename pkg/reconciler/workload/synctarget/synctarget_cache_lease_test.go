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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

func TestCompactLease(t *testing.T) {
	t.Parallel()
	owner := []metav1.OwnerReference{{APIVersion: "workload.kcp.io/v1alpha1", Kind: "SyncTarget", Name: "st", UID: "uid-st"}}
	renew := metav1.NewMicroTime(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
	lease := func(annotations map[string]string) *coordinationv1.Lease {
		return &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{Name: "synctarget-st", Namespace: "kube-system", ResourceVersion: "7", UID: "uid-lease",
				Labels:      map[string]string{workloadv1alpha1.HeartbeatLabel: "true", "claimed.internal.apis.kcp.io/x": "y"},
				Annotations: annotations, OwnerReferences: owner,
				ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "syncer"}}},
			Spec: coordinationv1.LeaseSpec{HolderIdentity: ptr.To("syncer-1"), RenewTime: &renew, AcquireTime: &renew,
				LeaseDurationSeconds: ptr.To[int32](40)},
		}
	}
	c := NewCompactor()
	got, err := c.Transform(lease(map[string]string{logicalcluster.AnnotationKey: "team-a", "other": "x"}))
	require.NoError(t, err)
	require.Equal(t, &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{Name: "synctarget-st", Namespace: "kube-system", ResourceVersion: "7",
			Annotations: map[string]string{logicalcluster.AnnotationKey: "team-a"}, OwnerReferences: owner},
		Spec: coordinationv1.LeaseSpec{RenewTime: &renew, LeaseDurationSeconds: ptr.To[int32](40)},
	}, got, "only what the controller reads is kept")

	unreachable := map[string]string{logicalcluster.AnnotationKey: "team-a", workloadv1alpha1.UnreachableAnnotation: "readyz: 503"}
	got, err = c.Transform(lease(unreachable))
	require.NoError(t, err)
	require.Equal(t, unreachable, got.(*coordinationv1.Lease).Annotations, "the syncer's report is kept")
}
