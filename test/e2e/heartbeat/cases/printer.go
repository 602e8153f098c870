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

package cases

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// PrinterColumns checks what `kubectl get synctargets` shows: the Ready
// status and, beside it, its reason, which names the syncer's state.
func PrinterColumns(t *testing.T, f *Fixture) {
	st := framework.RandomName("columns")
	a := Agent{Kubeconfig: f.CreateSyncTarget(t, st), SyncTarget: st, Renew: Renew, Lease: Lease}
	a.Start(t, f.Env, "syncer")
	f.WaitFor(t, st, metav1.ConditionTrue, workloadv1alpha1.SyncerConnectedReason, converge)

	kube, err := kubernetes.NewForConfig(framework.ClusterConfig(f.Base, f.Consumer))
	require.NoError(t, err)
	raw, err := kube.Discovery().RESTClient().Get().AbsPath("/apis/workload.kcp.io/v1alpha1/synctargets", st).
		SetHeader("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").DoRaw(t.Context())
	require.NoError(t, err)
	var table metav1.Table
	require.NoError(t, json.Unmarshal(raw, &table))
	names := make([]string, 0, len(table.ColumnDefinitions))
	for _, c := range table.ColumnDefinitions {
		names = append(names, c.Name)
	}
	ready, reason := slices.Index(names, "Ready"), slices.Index(names, "Reason")
	require.True(t, ready >= 0 && reason == ready+1, "want Reason right after Ready, got %v", names)
	require.Len(t, table.Rows, 1)
	require.Equal(t, []any{"True", workloadv1alpha1.SyncerConnectedReason}, table.Rows[0].Cells[ready:reason+1])
}
