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

package sharded

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// objectRef names a SyncTarget.
type objectRef struct {
	ws   logicalcluster.Path
	name string
}

// newClient returns kcp-admin's SyncTarget client for the front-proxy.
func newClient(t *testing.T) workloadclientset.ClusterInterface {
	t.Helper()
	client, err := workloadclientset.NewForConfig(adminBase(t))
	require.NoError(t, err)
	return client
}

// createSyncTargets creates SyncTargets named name-0, name-1... in ws.
func createSyncTargets(t *testing.T, client workloadclientset.ClusterInterface, ws logicalcluster.Path, name string, n int) []objectRef {
	t.Helper()
	refs := make([]objectRef, 0, n)
	for i := range n {
		st := &workloadv1alpha1.SyncTarget{
			ObjectMeta: metav1.ObjectMeta{Name: name + "-" + string(rune('a'+i))},
			Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: ws.String()},
		}
		_, err := client.Cluster(ws).WorkloadV1alpha1().SyncTargets().Create(t.Context(), st, metav1.CreateOptions{})
		require.NoError(t, err)
		refs = append(refs, objectRef{ws: ws, name: st.Name})
	}
	return refs
}

// isReady reports whether ref is Ready=True for its current generation.
func isReady(t *testing.T, client workloadclientset.ClusterInterface, ref objectRef) (*workloadv1alpha1.SyncTarget, bool) {
	t.Helper()
	st, err := client.Cluster(ref.ws).WorkloadV1alpha1().SyncTargets().Get(t.Context(), ref.name, metav1.GetOptions{})
	if err != nil {
		t.Logf("getting %s|%s: %v", ref.ws, ref.name, err)
		return nil, false
	}
	c := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition)
	return st, c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == st.Generation && st.Status.LastSyncTime != nil
}

// waitForReady waits until every ref is Ready within within, and returns
// their resourceVersions.
func waitForReady(t *testing.T, client workloadclientset.ClusterInterface, refs []objectRef, within time.Duration) map[objectRef]string {
	t.Helper()
	versions := map[objectRef]string{}
	for _, ref := range refs {
		require.Eventually(t, func() bool {
			st, ok := isReady(t, client, ref)
			if ok {
				versions[ref] = st.ResourceVersion
			}
			return ok
		}, within, tick, "%s|%s never became Ready", ref.ws, ref.name)
	}
	return versions
}

// requireNoWrites fails as soon as one object's resourceVersion moves within
// window: every write, even a status patch that changes nothing, bumps it.
func requireNoWrites(t *testing.T, client workloadclientset.ClusterInterface, versions map[objectRef]string, window time.Duration) {
	t.Helper()
	require.Never(t, func() bool {
		return changed(t, client, versions) != ""
	}, window, 500*time.Millisecond)
}

// changed returns the first object whose resourceVersion moved, or "".
func changed(t *testing.T, client workloadclientset.ClusterInterface, versions map[objectRef]string) string {
	t.Helper()
	for ref, rv := range versions {
		st, err := client.Cluster(ref.ws).WorkloadV1alpha1().SyncTargets().Get(t.Context(), ref.name, metav1.GetOptions{})
		if err != nil || st.ResourceVersion != rv {
			return ref.ws.String() + "|" + ref.name
		}
	}
	return ""
}
