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

package framework

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
	corev1alpha1 "github.com/kcp-dev/sdk/apis/core/v1alpha1"
	tenancyv1alpha1 "github.com/kcp-dev/sdk/apis/tenancy/v1alpha1"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"
)

const (
	// WaitTimeout bounds each wait of this package for kcp to act.
	WaitTimeout = 60 * time.Second
	// ConvergeTimeout bounds every e2e wait for the controller to finish
	// work a test gave it (a load of SyncTargets, a restart, a fail-over). It
	// fits a loaded 2-core machine running kcp, the manager and the tests with
	// -race, where failed requests back off exponentially. A wait returns as
	// soon as its condition holds: the bound costs time only when a test fails.
	ConvergeTimeout = 3 * time.Minute
	pollInterval    = 100 * time.Millisecond
)

// CreateWorkspace creates the workspace name (of the default type) in parent,
// or reuses it if it exists, waits until it is Ready and returns its path.
// base must be a config without a /clusters/ suffix (see KCP.BaseConfig).
func CreateWorkspace(ctx context.Context, base *rest.Config, parent logicalcluster.Path, name string) (logicalcluster.Path, error) {
	return createWorkspace(ctx, base, parent, &tenancyv1alpha1.Workspace{ObjectMeta: metav1.ObjectMeta{Name: name}})
}

// CreateWorkspaceOnShard is CreateWorkspace placing the workspace on the
// shard named shard (every Shard carries its name as label "name").
func CreateWorkspaceOnShard(ctx context.Context, base *rest.Config, parent logicalcluster.Path, name, shard string) (logicalcluster.Path, error) {
	ws := &tenancyv1alpha1.Workspace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	ws.Spec.Location = &tenancyv1alpha1.WorkspaceLocation{
		Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"name": shard}},
	}
	return createWorkspace(ctx, base, parent, ws)
}

func createWorkspace(ctx context.Context, base *rest.Config, parent logicalcluster.Path, ws *tenancyv1alpha1.Workspace) (logicalcluster.Path, error) {
	name := ws.Name
	client, err := kcpclientset.NewForConfig(base)
	if err != nil {
		return logicalcluster.Path{}, err
	}
	workspaces := client.Cluster(parent).TenancyV1alpha1().Workspaces()
	var last error
	// Right after start-up kcp may not know its workspace types yet: its
	// admission then refuses with "... cannot be resolved" for a moment.
	err = wait.PollUntilContextTimeout(ctx, pollInterval, WaitTimeout, true, func(ctx context.Context) (bool, error) {
		_, err := workspaces.Create(ctx, ws, metav1.CreateOptions{})
		switch {
		case err == nil || apierrors.IsAlreadyExists(err):
			return true, nil
		case apierrors.IsForbidden(err) && strings.Contains(err.Error(), "cannot be resolved"):
			last = err
			return false, nil
		default:
			return false, err
		}
	})
	if err != nil {
		return logicalcluster.Path{}, fmt.Errorf("creating workspace %s in %s (last: %v): %w", name, parent, last, err)
	}
	path := parent.Join(name)
	err = wait.PollUntilContextTimeout(ctx, pollInterval, WaitTimeout, true, func(ctx context.Context) (bool, error) {
		got, err := workspaces.Get(ctx, name, metav1.GetOptions{})
		switch {
		case err != nil:
			last = err
		case got.Status.Phase != corev1alpha1.LogicalClusterPhaseReady:
			last = fmt.Errorf("phase %q", got.Status.Phase)
		default:
			last = nil
		}
		return last == nil, nil
	})
	if err != nil {
		return logicalcluster.Path{}, fmt.Errorf("workspace %s not Ready (last: %v): %w", path, last, err)
	}
	return path, nil
}

// RandomName returns prefix (lower-cased, "ws" if empty) followed by "-" and 8
// random lower-case alphanumerics, at most 63 characters long.
func RandomName(prefix string) string {
	const suffixLen = 8
	prefix = strings.ToLower(prefix)
	if len(prefix) > 63-suffixLen-1 {
		prefix = prefix[:63-suffixLen-1]
	}
	if prefix = strings.TrimRight(prefix, "-"); prefix == "" {
		prefix = "ws"
	}
	return prefix + "-" + strings.ToLower(rand.Text()[:suffixLen])
}
