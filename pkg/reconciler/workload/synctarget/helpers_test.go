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
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	kcpcache "github.com/kcp-dev/apimachinery/v2/pkg/cache"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// Helpers of the tests beyond the two that go to kcp (synctarget_controller_test.go
// and synctarget_reconcile_test.go, which hold the shared ones and need nothing here).

// changed reports whether one reconcile of st without heartbeats changed it.
func changed(c *controller, st *SyncTarget) bool {
	changed, _ := c.reconcile(context.Background(), st, nil)
	return changed
}

var syncTargetsGVR = workloadv1alpha1.SchemeGroupVersion.WithResource("synctargets")

func withGeneration(generation int64) func(*SyncTarget) {
	return func(st *SyncTarget) { st.Generation = generation }
}

// foreignConditions returns the conditions this controller does not own.
func foreignConditions(st *SyncTarget) []metav1.Condition {
	var conds []metav1.Condition
	for _, cond := range st.Status.Conditions {
		if cond.Type != workloadv1alpha1.ReadyCondition {
			conds = append(conds, cond)
		}
	}
	return conds
}

// competeOnce writes a foreign condition to key's object before the
// controller's first patch of it, making that patch stale.
func (s *fakeAPIServer) competeOnce(t *testing.T, competed map[string]bool, key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if competed[key] {
		return
	}
	competed[key] = true
	cluster, _, name, err := kcpcache.SplitMetaClusterNamespaceKey(key)
	require.NoError(t, err)
	st, err := s.get(cluster.Path(), name)
	require.NoError(t, err)
	st = st.DeepCopy()
	withCondition(syncerReady)(st)
	require.NoError(t, s.update(cluster.Path(), st))
}

// everyObjectReconciled reports whether every object in the fake has its Ready
// condition at its generation (and, with foreign, the competing condition).
func everyObjectReconciled(t *testing.T, s *fakeAPIServer, foreign bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	list, err := s.client.Tracker().List(syncTargetsGVR, workloadv1alpha1.SchemeGroupVersion.WithKind("SyncTarget"), "")
	require.NoError(t, err)
	for _, st := range list.(*workloadv1alpha1.SyncTargetList).Items {
		ready := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
		if ready == nil || ready.ObservedGeneration != st.Generation {
			return false
		}
		if foreign && st.Name != "ready" && meta.FindStatusCondition(st.Status.Conditions, syncerReady.Type) == nil {
			return false
		}
	}
	return true
}
