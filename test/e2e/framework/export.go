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
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"

	"github.com/kcp-dev/kcp/config"
)

// ExportName is the APIExport (and APIExportEndpointSlice) of workload.kcp.io.
const ExportName = "workload.kcp.io"

// CreateExport creates the embedded APIResourceSchema and APIExport
// (config/root-phase0) in the workspace provider, keeping existing ones, as
// the manager's bootstrap would. base must have no /clusters/ suffix.
func CreateExport(ctx context.Context, base *rest.Config, provider logicalcluster.Path) error {
	files, err := config.Load(config.RootPhase0Dir)
	if err != nil {
		return err
	}
	dyn, err := dynamic.NewForConfig(ClusterConfig(base, provider))
	if err != nil {
		return err
	}
	// The export names the schema: create schemas first.
	for _, kind := range []string{"APIResourceSchema", "APIExport"} {
		for _, f := range files {
			if f.Object.GetKind() != kind {
				continue
			}
			gv, err := schema.ParseGroupVersion(f.Object.GetAPIVersion())
			if err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
			resource := map[string]string{"APIResourceSchema": "apiresourceschemas", "APIExport": "apiexports"}[kind]
			_, err = dyn.Resource(gv.WithResource(resource)).Create(ctx, f.Object, metav1.CreateOptions{})
			if err != nil && !apierrors.IsAlreadyExists(err) {
				return fmt.Errorf("creating %s in %s: %w", f.Name, provider, err)
			}
		}
	}
	return nil
}

// VirtualWorkspaceURL waits until the APIExportEndpointSlice of the export in
// provider lists an endpoint (kcp lists one once a workspace binds the
// export) and returns the first one's URL: a single-shard kcp has one.
func VirtualWorkspaceURL(ctx context.Context, base *rest.Config, provider logicalcluster.Path) (string, error) {
	client, err := kcpclientset.NewForConfig(base)
	if err != nil {
		return "", err
	}
	var url string
	var last error
	err = wait.PollUntilContextTimeout(ctx, pollInterval, WaitTimeout, true, func(ctx context.Context) (bool, error) {
		slice, err := client.Cluster(provider).ApisV1alpha1().APIExportEndpointSlices().Get(ctx, ExportName, metav1.GetOptions{})
		switch {
		case err != nil:
			last = err
		case len(slice.Status.APIExportEndpoints) == 0:
			last = fmt.Errorf("no endpoints yet")
		default:
			url = slice.Status.APIExportEndpoints[0].URL
		}
		return url != "", nil
	})
	if err != nil {
		return "", fmt.Errorf("APIExportEndpointSlice %s in %s (last: %v): %w", ExportName, provider, last, err)
	}
	return url, nil
}

// VirtualWorkspaceConfig returns a copy of base whose Host is url.
func VirtualWorkspaceConfig(base *rest.Config, url string) *rest.Config {
	cfg := rest.CopyConfig(base)
	cfg.Host = url
	return cfg
}
