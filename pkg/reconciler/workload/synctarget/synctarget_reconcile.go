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
	"strings"

	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/klog/v2"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

const (
	// maxConditionMessageLength is the bound metav1.Condition puts on Message.
	maxConditionMessageLength = 32768
	truncatedSuffix           = " ... (truncated)"
	readyMessage              = "The SyncTarget spec is valid."
)

// reconcile sets the Ready condition of st from its spec. It is a pure function
// of the spec, the status and c.now(): it reads nothing else and writes only
// st.Status. LastSyncTime moves only when something else in the status changed,
// so an already reconciled object comes out unchanged.
func (c *controller) reconcile(ctx context.Context, st *workloadv1alpha1.SyncTarget) {
	before := st.Status.DeepCopy()
	now := metav1.NewTime(c.now()).Rfc3339Copy()

	ready := readyCondition(&st.Spec)
	ready.ObservedGeneration = st.Generation
	ready.LastTransitionTime = now
	if old := meta.FindStatusCondition(st.Status.Conditions, ready.Type); old == nil || old.Status != ready.Status {
		klog.FromContext(ctx).V(3).Info("Ready condition changes", "status", ready.Status, "reason", ready.Reason)
	}
	meta.SetStatusCondition(&st.Status.Conditions, ready)

	if !equality.Semantic.DeepEqual(before, &st.Status) {
		st.Status.LastSyncTime = &now
	}
}

// readyCondition computes the Ready condition a spec deserves, without
// ObservedGeneration and LastTransitionTime. The checks are those of the CRD
// schema: objects may predate a tighter schema, so they are made again here.
func readyCondition(spec *workloadv1alpha1.SyncTargetSpec) metav1.Condition {
	specPath := field.NewPath("spec")
	if errs := workloadv1alpha1.ValidateKCPCluster(spec.KCPCluster, specPath.Child("kcpCluster")); len(errs) > 0 {
		return notReady(workloadv1alpha1.InvalidKCPClusterReason, errs)
	}
	exportsPath := specPath.Child("supportedAPIExports")
	if errs := workloadv1alpha1.ValidateSupportedAPIExports(spec.SupportedAPIExports, exportsPath); len(errs) > 0 {
		return notReady(workloadv1alpha1.InvalidAPIExportReferenceReason, errs)
	}
	return metav1.Condition{
		Type:    workloadv1alpha1.ReadyCondition,
		Status:  metav1.ConditionTrue,
		Reason:  workloadv1alpha1.SyncTargetReadyReason,
		Message: readyMessage,
	}
}

// notReady is a False Ready condition whose message lists errs; each names
// the field and, where the API's validation reports it, the bad value.
func notReady(reason string, errs field.ErrorList) metav1.Condition {
	msgs := make([]string, 0, len(errs))
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	msg := strings.Join(msgs, "; ")
	if len(msg) > maxConditionMessageLength {
		// Cutting may split a multi-byte rune: drop its remains.
		msg = strings.ToValidUTF8(msg[:maxConditionMessageLength-len(truncatedSuffix)], "") + truncatedSuffix
	}
	return metav1.Condition{
		Type:    workloadv1alpha1.ReadyCondition,
		Status:  metav1.ConditionFalse,
		Reason:  reason,
		Message: msg,
	}
}
