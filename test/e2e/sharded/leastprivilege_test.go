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

	"github.com/stretchr/testify/require"

	rbacv1 "k8s.io/api/rbac/v1"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// lpUser is the least-privilege identity: a client certificate user, which
// every shard authenticates (a ServiceAccount token is valid on its own
// shard only), bound to config/rbac's roles in the provider workspace.
const lpUser = "e2e-synctarget-controller"

// TestLeastPrivilegeOnEveryShard runs the controller as lpUser, holding only
// config/rbac's roles: it takes the Lease and serves both shards.
func TestLeastPrivilegeOnEveryShard(t *testing.T) {
	t.Parallel()

	base := adminBase(t)
	client := newClient(t)
	provider := newWorkspace(t, base, "e2e-provider", "root")
	admin := startAdminController(t, "bootstrap", provider, "--leader-elect=false")
	waitForExport(t, base, provider)
	admin.stop(t)
	require.NoError(t, framework.ApplyRBAC(t.Context(), framework.ClusterConfig(base, provider),
		rbacv1.Subject{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: lpUser}))

	identity, err := kcpServer.ClientCertConfig(lpUser)
	require.NoError(t, err)
	controller := startController(t, "least-privilege", writeKubeconfig(t, identity, provider), provider, "--bootstrap=false")

	refs := make([]objectRef, 0, len(kcpServer.ShardNames()))
	for _, shard := range kcpServer.ShardNames() {
		refs = append(refs, createSyncTargets(t, client, newConsumer(t, base, provider, shard), "st", 1)...)
	}
	waitForReady(t, client, refs, timeout)
	controller.waitFor(t, "kcp_synctarget_leader", 1)
	controller.waitFor(t, "kcp_synctarget_endpoint_runners", len(refs))
	require.Equal(t, len(refs), controller.value(t, `kcp_synctarget_status_writes_total{ready="true"}`))
}
