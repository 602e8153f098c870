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

// Package committer writes what a reconcile changed, and nothing when it
// changed nothing. This repository carries the part of kcp's
// github.com/kcp-dev/kcp/pkg/reconciler/committer (v0.30.0) that its
// controllers call, with the same API; the in-tree build compiles against
// kcp's own package.
package committer

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/logicalcluster/v3"
)

// Resource is the part of an object a committer compares and patches: its
// metadata, spec and status, each serialised under its usual JSON name.
type Resource[Sp any, St any] struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              Sp `json:"spec"`
	Status            St `json:"status,omitempty"`
}

// ClusterPatcher scopes a Patcher to one logical cluster, as the generated
// cluster-aware clients do.
type ClusterPatcher[R runtime.Object, P Patcher[R]] interface {
	Cluster(cluster logicalcluster.Path) P
}

// Patcher is the Patch method of a generated typed client for R.
type Patcher[R runtime.Object] interface {
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (R, error)
}

// CommitFunc writes the difference between old, the object as read, and new,
// the object as reconciled.
type CommitFunc[Sp any, St any] func(_ context.Context, old *Resource[Sp, St], new *Resource[Sp, St]) error

// NewCommitter returns a CommitFunc that sends nothing when old and new are
// semantically equal, and otherwise one JSON merge patch of what differs, in
// the logical cluster of old: to the status subresource when only the status
// changed, else to the object. The patch carries old's resourceVersion and
// uid, so a write based on a stale read fails with a conflict. A reconcile
// must not change status together with metadata or spec: that is an error.
func NewCommitter[R runtime.Object, P Patcher[R], Sp any, St any](patcher ClusterPatcher[R, P]) CommitFunc[Sp, St] {
	kind := fmt.Sprintf("%T", *new(R))
	return func(ctx context.Context, old, obj *Resource[Sp, St]) error {
		patch, subresources, err := mergePatch(old, obj)
		if err != nil {
			return fmt.Errorf("failed to compute the patch for %s %s|%s: %w", kind, logicalcluster.From(old), old.Name, err)
		}
		if patch == nil {
			return nil
		}
		klog.FromContext(ctx).V(2).Info("patching "+kind, "patch", string(patch), "subresources", subresources)
		_, err = patcher.Cluster(logicalcluster.From(old).Path()).
			Patch(ctx, old.Name, types.MergePatchType, patch, metav1.PatchOptions{}, subresources...)
		if err != nil {
			return fmt.Errorf("failed to patch %s %s|%s: %w", kind, logicalcluster.From(old), old.Name, err)
		}
		return nil
	}
}
