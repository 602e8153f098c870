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
	"fmt"
	"net/url"
	"strings"

	coordinationv1client "k8s.io/client-go/kubernetes/typed/coordination/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kcp-dev/logicalcluster/v3"
	kcpclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster"
)

// Config is the validated configuration the server runs with.
type Config struct {
	Options *Options
	// BaseConfig points at kcp without a /clusters/<path> suffix: cluster-aware
	// clients add the logical cluster themselves.
	BaseConfig *rest.Config
	// ProviderPath is the workspace holding the APIExport.
	ProviderPath logicalcluster.Path
	// KCPClient talks to kcp's own APIs (APIExports, endpoint slices).
	KCPClient kcpclientset.ClusterInterface
	// LeaseClient reads and writes the leader election Lease in the
	// provider workspace.
	LeaseClient coordinationv1client.LeasesGetter
}

// NewConfig validates the options and loads the kubeconfig.
func NewConfig(opts *Options) (*Config, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = opts.Kubeconfig
	restConfig, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules,
		&clientcmd.ConfigOverrides{CurrentContext: opts.Context}).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("loading kubeconfig %q: %w", opts.Kubeconfig, err)
	}
	base, err := baseConfig(restConfig, opts)
	if err != nil {
		return nil, err
	}
	kcpClient, err := kcpclientset.NewForConfig(base)
	if err != nil {
		return nil, fmt.Errorf("building the kcp client: %w", err)
	}
	provider := logicalcluster.NewPath(opts.ProviderWorkspace)
	leaseConfig := rest.CopyConfig(base)
	leaseConfig.Host = strings.TrimRight(leaseConfig.Host, "/") + "/clusters/" + provider.String()
	leaseClient, err := coordinationv1client.NewForConfig(leaseConfig)
	if err != nil {
		return nil, fmt.Errorf("building the Lease client: %w", err)
	}
	return &Config{
		Options:      opts,
		BaseConfig:   base,
		ProviderPath: provider,
		KCPClient:    kcpClient,
		LeaseClient:  leaseClient,
	}, nil
}

// baseConfig strips a /clusters/<path> suffix from the kubeconfig's server
// (kcp kubeconfigs point at a workspace) and sets the client limits.
func baseConfig(in *rest.Config, opts *Options) (*rest.Config, error) {
	cfg := rest.CopyConfig(in)
	host := cfg.Host
	if !strings.Contains(host, "://") {
		host = "https://" + host // client-go accepts a server without a scheme too
	}
	u, err := url.Parse(host)
	if err != nil {
		return nil, fmt.Errorf("kubeconfig server %q is not a URL: %w", cfg.Host, err)
	}
	if i := strings.Index(u.Path, "/clusters/"); i >= 0 {
		u.Path = u.Path[:i]
	}
	cfg.Host = u.String()
	cfg.QPS, cfg.Burst = opts.QPS, opts.Burst
	rest.AddUserAgent(cfg, "kcp-synctarget-controller")
	return cfg, nil
}
