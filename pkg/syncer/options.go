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

package syncer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/pflag"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	logsapiv1 "k8s.io/component-base/logs/api/v1"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned"
)

// Options are the syncer's flags.
type Options struct {
	Kubeconfig         string // the SyncTarget's kcp workspace
	PhysicalKubeconfig string // the physical cluster the syncer serves
	SyncTarget         string
	Identity           string
	RenewInterval      time.Duration
	LeaseDuration      time.Duration
	ClockSkew          time.Duration
	BindAddress        string
	Logs               *logsapiv1.LoggingConfiguration
}

// NewOptions returns the defaults: Kubernetes' node heartbeat timing, a
// renewal every 10s and stale after 40s, so three renewals may be lost.
func NewOptions() *Options {
	host, _ := os.Hostname()
	return &Options{Identity: host, RenewInterval: 10 * time.Second, LeaseDuration: 40 * time.Second,
		BindAddress: "127.0.0.1:8095", Logs: logsapiv1.NewLoggingConfiguration()}
}

// AddFlags adds the options to fs.
func (o *Options) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.Kubeconfig, "kubeconfig", o.Kubeconfig, "Kubeconfig of the kcp workspace that holds the SyncTarget.")
	fs.StringVar(&o.PhysicalKubeconfig, "physical-kubeconfig", o.PhysicalKubeconfig, "Kubeconfig of the physical cluster; its /readyz gates every renewal.")
	fs.StringVar(&o.SyncTarget, "sync-target-name", o.SyncTarget, "Name of the SyncTarget this syncer serves.")
	fs.StringVar(&o.Identity, "identity", o.Identity, "The Lease's holderIdentity.")
	fs.DurationVar(&o.RenewInterval, "renew-interval", o.RenewInterval, "How often the heartbeat Lease is renewed.")
	fs.DurationVar(&o.LeaseDuration, "lease-duration", o.LeaseDuration, "How long a renewal stays fresh; the controller marks the SyncTarget Unknown after it (whole seconds).")
	fs.DurationVar(&o.ClockSkew, "clock-skew", o.ClockSkew, "Testing only: offset added to the syncer's clock. The controller never trusts it.")
	fs.StringVar(&o.BindAddress, "bind-address", o.BindAddress, "host:port serving /healthz and /metrics; empty for none.")
	_ = fs.MarkHidden("clock-skew")
	logsapiv1.AddFlags(o.Logs, fs)
}

// Validate says what is wrong with the options, all at once.
func (o *Options) Validate() error {
	var errs []error
	for _, f := range [][2]string{{"kubeconfig", o.Kubeconfig}, {"physical-kubeconfig", o.PhysicalKubeconfig},
		{"sync-target-name", o.SyncTarget}, {"identity", o.Identity}} {
		if f[1] == "" {
			errs = append(errs, fmt.Errorf("--%s is required", f[0]))
		}
	}
	if o.RenewInterval <= 0 {
		errs = append(errs, fmt.Errorf("--renew-interval must be positive, got %s", o.RenewInterval))
	}
	if o.LeaseDuration%time.Second != 0 || o.LeaseDuration < 2*o.RenewInterval {
		errs = append(errs, fmt.Errorf("--lease-duration must be whole seconds and at least twice --renew-interval (%s), got %s", o.RenewInterval, o.LeaseDuration))
	}
	return errors.Join(errs...)
}

// NewHeartbeat builds the heartbeat on real clients.
func (o *Options) NewHeartbeat() (*Heartbeat, error) {
	kcpConfig, err := clientcmd.BuildConfigFromFlags("", o.Kubeconfig)
	if err != nil {
		return nil, fmt.Errorf("loading --kubeconfig: %w", err)
	}
	physicalConfig, err := clientcmd.BuildConfigFromFlags("", o.PhysicalKubeconfig)
	if err != nil {
		return nil, fmt.Errorf("loading --physical-kubeconfig: %w", err)
	}
	kcpConfig, physicalConfig = rest.AddUserAgent(kcpConfig, "syncer"), rest.AddUserAgent(physicalConfig, "syncer")
	kube, err := kubernetes.NewForConfig(kcpConfig)
	if err != nil {
		return nil, err
	}
	workload, err := workloadclientset.NewForConfig(kcpConfig)
	if err != nil {
		return nil, err
	}
	physical, err := kubernetes.NewForConfig(physicalConfig)
	if err != nil {
		return nil, err
	}
	return &Heartbeat{SyncTarget: o.SyncTarget, Identity: o.Identity, RenewInterval: o.RenewInterval, LeaseDuration: o.LeaseDuration,
		Leases: kube.CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace),
		GetSyncTarget: func(ctx context.Context) (*workloadv1alpha1.SyncTarget, error) {
			return workload.WorkloadV1alpha1().SyncTargets().Get(ctx, o.SyncTarget, metav1.GetOptions{})
		},
		Probe: func(ctx context.Context) error {
			return physical.Discovery().RESTClient().Get().AbsPath("/readyz").Do(ctx).Error()
		},
		Now:     func() time.Time { return time.Now().Add(o.ClockSkew) },
		Metrics: NewMetrics()}, nil
}
