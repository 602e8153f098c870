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
	"fmt"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// exportName is the APIExport (and its APIExportEndpointSlice) this server serves.
const exportName = "workload.kcp.io"

// endpointPollInterval is how often the endpoint slice is read while waiting.
const endpointPollInterval = time.Second

// virtualWorkspaceURL waits for the APIExportEndpointSlice of the export to
// list an endpoint and returns its URL. kcp lists endpoints only once some
// workspace binds the export, so an empty slice means "no binding yet".
// timeout 0 waits until ctx ends.
func virtualWorkspaceURL(ctx context.Context, client kcpclientset.ClusterInterface, provider logicalcluster.Path, timeout time.Duration) (string, error) {
	logger := klog.FromContext(ctx).WithValues("apiexportendpointslice", exportName, "workspace", provider.String())
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}

	var url string
	lastReport := time.Time{}
	err := wait.PollUntilContextCancel(ctx, endpointPollInterval, true, func(ctx context.Context) (bool, error) {
		slice, err := client.Cluster(provider).ApisV1alpha1().APIExportEndpointSlices().Get(ctx, exportName, metav1.GetOptions{})
		switch {
		case apierrors.IsNotFound(err):
			// kcp creates the slice shortly after the export.
		case err != nil:
			return false, explain(err)
		case len(slice.Status.APIExportEndpoints) > 0:
			if n := len(slice.Status.APIExportEndpoints); n > 1 {
				logger.Info("the export is served by several shards; this phase serves the first endpoint only", "endpoints", n)
			}
			url = slice.Status.APIExportEndpoints[0].URL
			return true, nil
		}
		if time.Since(lastReport) >= 30*time.Second {
			logger.Info("waiting for a workspace to bind the APIExport; create an APIBinding to start serving it",
				"export", provider.String()+":"+exportName)
			lastReport = time.Now()
		}
		return false, nil
	})
	if err != nil {
		return "", fmt.Errorf("waiting for an endpoint of APIExportEndpointSlice %s in workspace %s: %w", exportName, provider, err)
	}
	logger.Info("found the virtual workspace", "url", url)
	return url, nil
}

// waitForVirtualWorkspace polls until the virtual workspace serves
// SyncTargets: right after the first binding kcp lists the endpoint a moment
// before it serves the resource behind it.
func waitForVirtualWorkspace(ctx context.Context, client workloadclientset.ClusterInterface) error {
	err := wait.PollUntilContextCancel(ctx, endpointPollInterval/4, true, func(ctx context.Context) (bool, error) {
		_, err := client.WorkloadV1alpha1().SyncTargets().List(ctx, metav1.ListOptions{Limit: 1})
		if apierrors.IsNotFound(err) {
			return false, nil
		}
		return err == nil, explain(err)
	})
	if err != nil {
		return fmt.Errorf("listing SyncTargets through the virtual workspace: %w", err)
	}
	return nil
}
