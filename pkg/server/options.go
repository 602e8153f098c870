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
	"errors"
	"fmt"
	"net"
	"slices"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"k8s.io/apimachinery/pkg/util/sets"
	logsapiv1 "k8s.io/component-base/logs/api/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/pkg/reconciler/workload/synctarget"
)

// Options are the flags of the synctarget controller manager.
type Options struct {
	Kubeconfig        string
	Context           string
	ProviderWorkspace string
	Controllers       []string
	Workers           int
	Bootstrap         bool
	BindAddress       string
	QPS               float32
	Burst             int
	EndpointTimeout   time.Duration
	Heartbeat         bool
	LeaderElection    LeaderElectionOptions
	Logs              *logsapiv1.LoggingConfiguration
}

// NewOptions returns the defaults: every controller, bootstrap on, the
// APIExport in root, leader election on, health and metrics on 127.0.0.1:8090.
func NewOptions() *Options {
	return &Options{
		ProviderWorkspace: "root",
		Controllers:       []string{synctarget.ControllerName},
		Workers:           2,
		Bootstrap:         true,
		BindAddress:       "127.0.0.1:8090",
		QPS:               50,
		Burst:             100,
		EndpointTimeout:   0,
		LeaderElection:    NewLeaderElectionOptions(),
		Logs:              logsapiv1.NewLoggingConfiguration(),
	}
}

// AddFlags registers the options on fs.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Kubeconfig, "kubeconfig", o.Kubeconfig, "Path to a kubeconfig for kcp. Empty: $KUBECONFIG, then in-cluster.")
	fs.StringVar(&o.Context, "context", o.Context, "The kubeconfig context to use. Empty: its current context.")
	fs.StringVar(&o.ProviderWorkspace, "provider-workspace", o.ProviderWorkspace, "Workspace path holding the workload.kcp.io APIExport.")
	fs.StringSliceVar(&o.Controllers, "controllers", o.Controllers, fmt.Sprintf("Controllers to run; known: %v.", knownControllers()))
	fs.IntVar(&o.Workers, "workers", o.Workers, "Concurrent reconciles per controller.")
	fs.BoolVar(&o.Bootstrap, "bootstrap", o.Bootstrap, "Create or update the APIResourceSchema and APIExport in the provider workspace at start.")
	fs.StringVar(&o.BindAddress, "bind-address", o.BindAddress, "host:port serving /healthz, /readyz and /metrics. Empty disables it.")
	fs.Float32Var(&o.QPS, "qps", o.QPS, "Client-side requests per second to kcp (kcp clients limit each workspace separately).")
	fs.IntVar(&o.Burst, "burst", o.Burst, "Client-side burst of requests to kcp.")
	fs.DurationVar(&o.EndpointTimeout, "endpoint-timeout", o.EndpointTimeout, "How long the leader waits for the first workspace to bind the export before it fails. 0 waits forever.")
	fs.BoolVar(&o.Heartbeat, "heartbeat", o.Heartbeat, "Alpha (Phase 2): Ready follows the syncers' heartbeat Leases, which the APIExport then claims (read-only); consumers must accept the claim.")
	o.LeaderElection.AddFlags(fs)
	logsapiv1.AddFlags(o.Logs, fs)
}

// Validate reports every invalid option at once. The logging options are
// validated when they are applied (logsapiv1.ValidateAndApply), which the
// command does first.
func (o *Options) Validate() error {
	var errs []error
	if p := logicalcluster.NewPath(o.ProviderWorkspace); !p.IsValid() || p == logicalcluster.Wildcard {
		errs = append(errs, fmt.Errorf("--provider-workspace %q is not a workspace path such as \"root:org\"", o.ProviderWorkspace))
	}
	if len(o.Controllers) == 0 {
		errs = append(errs, fmt.Errorf("--controllers: enable at least one of %v", knownControllers()))
	}
	if unknown := sets.New(o.Controllers...).Difference(sets.New(knownControllers()...)); unknown.Len() > 0 {
		errs = append(errs, fmt.Errorf("--controllers: unknown %v; known: %v", sets.List(unknown), knownControllers()))
	}
	if o.Workers < 1 {
		errs = append(errs, fmt.Errorf("--workers must be at least 1, got %d", o.Workers))
	}
	if o.QPS <= 0 || o.Burst < 1 {
		errs = append(errs, fmt.Errorf("--qps and --burst must be positive, got %v and %d", o.QPS, o.Burst))
	}
	if o.EndpointTimeout < 0 {
		errs = append(errs, fmt.Errorf("--endpoint-timeout must not be negative, got %v", o.EndpointTimeout))
	}
	if o.BindAddress != "" {
		_, port, err := net.SplitHostPort(o.BindAddress)
		if err == nil {
			_, err = strconv.ParseUint(port, 10, 16)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("--bind-address %q must be host:port with a port from 0 to 65535: %w", o.BindAddress, err))
		}
	}
	if err := o.LeaderElection.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// enabled reports whether the named controller is switched on.
func (o *Options) enabled(name string) bool {
	return slices.Contains(o.Controllers, name)
}
