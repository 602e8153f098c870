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
	"time"

	"github.com/spf13/pflag"

	"k8s.io/apimachinery/pkg/util/validation"
)

// LeaderElectionOptions configure the Lease that elects the one replica that
// serves; the others stand by. The Lease lives in the provider workspace.
type LeaderElectionOptions struct {
	Enabled       bool
	Namespace     string
	Name          string
	LeaseDuration time.Duration
	RenewDeadline time.Duration
	RetryPeriod   time.Duration
}

// NewLeaderElectionOptions returns kube-controller-manager's timings and the
// Lease default/kcp-synctarget-controller (config/rbac grants exactly that).
func NewLeaderElectionOptions() LeaderElectionOptions {
	return LeaderElectionOptions{
		Enabled:       true,
		Namespace:     "default",
		Name:          "kcp-synctarget-controller",
		LeaseDuration: 15 * time.Second,
		RenewDeadline: 10 * time.Second,
		RetryPeriod:   2 * time.Second,
	}
}

// AddFlags registers the leader election flags on fs.
func (o *LeaderElectionOptions) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.Enabled, "leader-elect", o.Enabled,
		"Serve only while holding a Lease in the provider workspace, so that several replicas can run. Disable for a single replica.")
	fs.StringVar(&o.Namespace, "leader-elect-resource-namespace", o.Namespace, "Namespace of the leader election Lease in the provider workspace.")
	fs.StringVar(&o.Name, "leader-elect-resource-name", o.Name, "Name of the leader election Lease.")
	fs.DurationVar(&o.LeaseDuration, "leader-elect-lease-duration", o.LeaseDuration,
		"How long a standby waits after the leader's last renewal before it takes the Lease over.")
	fs.DurationVar(&o.RenewDeadline, "leader-elect-renew-deadline", o.RenewDeadline,
		"How long the leader keeps retrying to renew the Lease before it stops serving and exits.")
	fs.DurationVar(&o.RetryPeriod, "leader-elect-retry-period", o.RetryPeriod, "How often to try to acquire or renew the Lease.")
}

// Validate reports every invalid leader election option. Nothing is checked
// when leader election is disabled.
func (o *LeaderElectionOptions) Validate() error {
	if !o.Enabled {
		return nil
	}
	var errs []error
	if msgs := validation.IsDNS1123Label(o.Namespace); len(msgs) > 0 {
		errs = append(errs, fmt.Errorf("--leader-elect-resource-namespace %q: %v", o.Namespace, msgs))
	}
	if msgs := validation.IsDNS1123Subdomain(o.Name); len(msgs) > 0 {
		errs = append(errs, fmt.Errorf("--leader-elect-resource-name %q: %v", o.Name, msgs))
	}
	if o.RetryPeriod <= 0 || o.RenewDeadline <= o.RetryPeriod || o.LeaseDuration <= o.RenewDeadline {
		errs = append(errs, fmt.Errorf("leader election needs 0 < --leader-elect-retry-period (%v) < --leader-elect-renew-deadline (%v) < --leader-elect-lease-duration (%v)",
			o.RetryPeriod, o.RenewDeadline, o.LeaseDuration))
	}
	return errors.Join(errs...)
}
