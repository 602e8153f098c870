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
	"testing"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	apisv1alpha2 "github.com/kcp-dev/sdk/apis/apis/v1alpha2"
)

// TestBootstrapHeartbeatClaim: with --heartbeat the export gains the Lease
// claim once, beside a claim someone else added, and then nothing is written.
func TestBootstrapHeartbeatClaim(t *testing.T) {
	t.Parallel()
	client := newFakeKCP()
	require.NoError(t, bootstrap(context.Background(), client, testProvider, false))
	exports := client.Cluster(testProvider).ApisV1alpha2().APIExports()
	export, err := exports.Get(context.Background(), exportName, metav1.GetOptions{})
	require.NoError(t, err)
	require.Empty(t, export.Spec.PermissionClaims, "Phase 1 claims nothing")
	other := apisv1alpha2.PermissionClaim{GroupResource: apisv1alpha2.GroupResource{Resource: "configmaps"}, Verbs: []string{"get"}}
	export.Spec.PermissionClaims = []apisv1alpha2.PermissionClaim{other}
	_, err = exports.Update(context.Background(), export, metav1.UpdateOptions{})
	require.NoError(t, err)

	client.ClearActions()
	require.NoError(t, bootstrap(context.Background(), client, testProvider, true))
	require.Equal(t, []action{{"update", "apiexports", testProvider.String()}}, writes(client.Actions()))
	export, err = exports.Get(context.Background(), exportName, metav1.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, []apisv1alpha2.PermissionClaim{other, LeaseClaim}, export.Spec.PermissionClaims)

	client.ClearActions()
	require.NoError(t, bootstrap(context.Background(), client, testProvider, true))
	require.Empty(t, writes(client.Actions()), "a second bootstrap must not write")
}

func TestAcceptedLeaseClaim(t *testing.T) {
	t.Parallel()
	claim := AcceptedLeaseClaim()
	require.Equal(t, apisv1alpha2.ClaimAccepted, claim.State)
	require.Equal(t, LeaseClaim, claim.PermissionClaim)
	require.Equal(t, map[string]string{"workload.kcp.io/heartbeat": "true"}, claim.Selector.MatchLabels,
		"only the heartbeat Leases, which the syncer labels so")
	require.False(t, claim.Selector.MatchAll)
}
