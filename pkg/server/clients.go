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
	"k8s.io/client-go/rest"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	workloadv1alpha1cluster "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster/typed/workload/v1alpha1"
)

// syncTargetClient returns the SyncTarget controller's clientset for config,
// whose QPS and burst limit each workspace separately, as --qps and --burst
// promise.
//
// The generated ClusterClientset limits the clients behind Cluster(path) per
// workspace, but its group clients (WorkloadV1alpha1()) share one limiter
// between all the workspaces they reach. The controller writes through the
// group client, as kcp's controllers do: with NewForConfig alone every status
// patch of an endpoint, whichever workspace it is in, would wait for one
// shared budget of --qps (50 a second), and a controller of many workspaces
// would be bound by it.
func syncTargetClient(config *rest.Config) (workloadclientset.ClusterInterface, error) {
	httpClient, err := rest.HTTPClientFor(config)
	if err != nil {
		return nil, err
	}
	clientset, err := workloadclientset.NewForConfigAndClient(config, httpClient)
	if err != nil {
		return nil, err
	}
	// Built without a RateLimiter in its config, the group client gives each
	// workspace's client a limiter of its own.
	workload, err := workloadv1alpha1cluster.NewForConfigAndClient(config, httpClient)
	if err != nil {
		return nil, err
	}
	return &perWorkspaceClientset{ClusterClientset: clientset, workload: workload}, nil
}

// perWorkspaceClientset is a ClusterClientset whose group client limits each
// workspace separately.
type perWorkspaceClientset struct {
	*workloadclientset.ClusterClientset
	workload *workloadv1alpha1cluster.WorkloadV1alpha1ClusterClient
}

func (c *perWorkspaceClientset) WorkloadV1alpha1() workloadv1alpha1cluster.WorkloadV1alpha1ClusterInterface {
	return c.workload
}
