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
	"sync/atomic"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	kcpclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	workloadv1alpha1client "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/typed/workload/v1alpha1"
)

// statusClusterPatcher is the cluster-aware patcher the committer writes
// through. It names ControllerName as the field manager of every write and
// counts the outcomes for the metrics.
type statusClusterPatcher struct {
	client kcpclientset.ClusterInterface
	stats  *writeStats
}

func (p *statusClusterPatcher) Cluster(cluster logicalcluster.Path) Patcher {
	return &statusPatcher{client: p.client.Cluster(cluster).WorkloadV1alpha1().SyncTargets(), stats: p.stats}
}

type statusPatcher struct {
	client workloadv1alpha1client.SyncTargetInterface
	stats  *writeStats
}

func (p *statusPatcher) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*SyncTarget, error) {
	opts.FieldManager = ControllerName
	st, err := p.client.Patch(ctx, name, pt, data, opts, subresources...)
	p.stats.record(st, err)
	return st, err
}

// writeStats counts the writes the controller sent, by outcome.
type writeStats struct {
	readyWrites    atomic.Int64
	notReadyWrites atomic.Int64
	conflicts      atomic.Int64
}

func (s *writeStats) record(st *SyncTarget, err error) {
	switch {
	case apierrors.IsConflict(err):
		s.conflicts.Add(1)
	case err != nil || st == nil:
	case meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition):
		s.readyWrites.Add(1)
	default:
		s.notReadyWrites.Add(1)
	}
}
