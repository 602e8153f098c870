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

var (
	kcpClusterPath = field.NewPath("spec", "kcpCluster")
	exportsPath    = field.NewPath("spec", "supportedAPIExports")
)

// reconcile sets the Ready condition of st from its spec and reports whether
// the status changed. It is a pure function of the spec, the status and
// c.now(): it reads nothing else and writes only st.Status. LastSyncTime is
// stamped only together with a change of the Ready condition, so an already
// reconciled object comes out untouched, and that path allocates nothing.
func (c *controller) reconcile(ctx context.Context, st *SyncTarget) bool {
	ready := readyCondition(&st.Spec)
	ready.ObservedGeneration = st.Generation

	old := meta.FindStatusCondition(st.Status.Conditions, ready.Type)
	if old != nil && old.Status == ready.Status && old.Reason == ready.Reason &&
		old.Message == ready.Message && old.ObservedGeneration == ready.ObservedGeneration {
		return false
	}
	if old == nil || old.Status != ready.Status {
		klog.FromContext(ctx).V(3).Info("Ready condition changes", "status", ready.Status, "reason", ready.Reason)
	}

	now := metav1.NewTime(c.now()).Rfc3339Copy()
	ready.LastTransitionTime = now // kept by SetStatusCondition unless Status changes
	meta.SetStatusCondition(&st.Status.Conditions, ready)
	st.Status.LastSyncTime = &now
	return true
}

// readyCondition computes the Ready condition a spec deserves, without
// ObservedGeneration and LastTransitionTime. The checks are those of the CRD
// schema: objects may predate a tighter schema, so they are made again here.
func readyCondition(spec *SyncTargetSpec) metav1.Condition {
	if errs := workloadv1alpha1.ValidateKCPCluster(spec.KCPCluster, kcpClusterPath); len(errs) > 0 {
		return notReady(workloadv1alpha1.InvalidKCPClusterReason, errs)
	}
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
