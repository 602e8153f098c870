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
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

var (
	testNow     = time.Date(2026, time.March, 4, 5, 6, 7, 0, time.UTC)
	testEarlier = metav1.NewTime(testNow.Add(-time.Hour))
)

// syncTargetOpt changes a SyncTarget built by newSyncTarget.
type syncTargetOpt func(*SyncTarget)

// newSyncTarget returns a SyncTarget in cluster with the given spec, at
// generation 1 and resourceVersion "1", annotated with its logical cluster as
// kcp does (the fake clientset does not add it).
func newSyncTarget(cluster logicalcluster.Name, name, kcpCluster string, opts ...syncTargetOpt) *SyncTarget {
	st := &SyncTarget{
		ObjectMeta: metav1.ObjectMeta{
			Name:            name,
			UID:             types.UID("uid-" + name),
			Generation:      1,
			ResourceVersion: "1",
			Annotations:     map[string]string{logicalcluster.AnnotationKey: cluster.String()},
		},
		Spec: SyncTargetSpec{KCPCluster: kcpCluster},
	}
	for _, opt := range opts {
		opt(st)
	}
	return st
}

func withExports(refs ...string) syncTargetOpt {
	return func(st *SyncTarget) { st.Spec.SupportedAPIExports = refs }
}

func withGeneration(generation int64) syncTargetOpt {
	return func(st *SyncTarget) { st.Generation = generation }
}

// withCondition adds cond to the status, stamped at testEarlier.
func withCondition(cond metav1.Condition) syncTargetOpt {
	return func(st *SyncTarget) {
		cond.LastTransitionTime = testEarlier
		st.Status.Conditions = append(st.Status.Conditions, cond)
	}
}

// withReady adds the Ready condition a reconcile at testEarlier would have
// written for generation 1 of a valid spec, with LastSyncTime at testEarlier.
func withReady() syncTargetOpt {
	return withReadyAs(metav1.ConditionTrue, workloadv1alpha1.SyncTargetReadyReason, readyMessage, 1)
}

// withReadyAs adds a Ready condition as a reconcile at testEarlier would have
// written it, with LastSyncTime at testEarlier.
func withReadyAs(status metav1.ConditionStatus, reason, message string, observedGeneration int64) syncTargetOpt {
	return func(st *SyncTarget) {
		withCondition(metav1.Condition{
			Type: workloadv1alpha1.ReadyCondition, Status: status, Reason: reason,
			Message: message, ObservedGeneration: observedGeneration,
		})(st)
		st.Status.LastSyncTime = testEarlier.DeepCopy()
	}
}

// syncerReady is a condition of another owner, which the controller must keep.
var syncerReady = metav1.Condition{
	Type: "SyncerReady", Status: metav1.ConditionUnknown, Reason: "Heartbeat", Message: "owned by a syncer",
	ObservedGeneration: 7,
}

// newTestController returns a controller whose clock reads testNow and whose
// other dependencies are left for the test to set.
func newTestController() *controller {
	return &controller{now: func() time.Time { return testNow }}
}
