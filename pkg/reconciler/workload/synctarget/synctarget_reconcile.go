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
	"slices"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

const readyMessage = "The SyncTarget spec is valid."

var (
	kcpClusterPath = field.NewPath("spec", "kcpCluster")
	exportsPath    = field.NewPath("spec", "supportedAPIExports")
)

// reconcile sets the Ready condition of st from its spec and, with
// heartbeats on, from hb, the last observation of its heartbeat Lease. It
// reports whether the status changed and when to look again (0: on events
// only). It reads only st, hb and c.now() and writes only st.Status.
// LastSyncTime is stamped only with a change: a reconciled object is left alone.
func (c *controller) reconcile(ctx context.Context, st *SyncTarget, hb *observation) (bool, time.Duration) {
	ready, after := readyCondition(&st.Spec), time.Duration(0)
	if c.heartbeat != nil {
		ready, after = heartbeatCondition(st, ready, hb, c.now())
	}
	ready.ObservedGeneration = st.Generation
	old := meta.FindStatusCondition(st.Status.Conditions, ready.Type)
	if old != nil && old.Status == ready.Status && old.Reason == ready.Reason &&
		old.Message == ready.Message && old.ObservedGeneration == ready.ObservedGeneration {
		return false, after
	}
	if old == nil || old.Status != ready.Status {
		klog.FromContext(ctx).V(3).Info("Ready condition changes", "status", ready.Status, "reason", ready.Reason)
	}
	now := metav1.NewTime(c.now()).Rfc3339Copy()
	ready.LastTransitionTime = now // SetStatusCondition keeps the old one unless Status changes
	meta.SetStatusCondition(&st.Status.Conditions, ready)
	st.Status.LastSyncTime = &now
	return true, after
}

// readyCondition is the Ready condition a spec deserves. The CRD schema rejects
// invalid specs at admission already, but objects may predate a tighter schema.
func readyCondition(spec *workloadv1alpha1.SyncTargetSpec) metav1.Condition {
	cond := metav1.Condition{Type: workloadv1alpha1.ReadyCondition, Status: metav1.ConditionTrue,
		Reason: workloadv1alpha1.SyncTargetReadyReason, Message: readyMessage}
	if err := checkSpec(spec); err != nil {
		cond.Status, cond.Reason, cond.Message = metav1.ConditionFalse, workloadv1alpha1.InvalidAPIExportReferenceReason, err.Error()
		if err.Field == kcpClusterPath.String() {
			cond.Reason = workloadv1alpha1.InvalidKCPClusterReason
		}
	}
	return cond
}

// checkSpec returns the first invalid field of spec, with its value, or nil.
func checkSpec(spec *workloadv1alpha1.SyncTargetSpec) *field.Error {
	if !isClusterPath(spec.KCPCluster) {
		return field.Invalid(kcpClusterPath, spec.KCPCluster, `must be a logical cluster path such as "root:org:team"`)
	}
	refs := spec.SupportedAPIExports
	for i, ref := range refs {
		j := strings.LastIndex(ref, ":") // -1 without a workspace path
		if slices.Contains(refs[:i], ref) {
			return field.Duplicate(exportsPath.Index(i), ref)
		}
		if j >= 0 && !isClusterPath(ref[:j]) || len(validation.IsDNS1123Subdomain(ref[j+1:])) > 0 {
			return field.Invalid(exportsPath.Index(i), ref, `must be "<export>" or "<workspace path>:<export>", the export a DNS-1123 subdomain`)
		}
	}
	return nil
}

// isClusterPath reports whether s is the path of one logical cluster, not the wildcard.
func isClusterPath(s string) bool { return s != "*" && logicalcluster.NewPath(s).IsValid() }
