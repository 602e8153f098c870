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

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	kcpkubernetes "github.com/kcp-dev/client-go/kubernetes"
	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	"github.com/kcp-dev/kcp/pkg/syncer"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// target is one SyncTarget: its workspace and name.
type target struct {
	ws   logicalcluster.Path
	name string
}

func (t target) String() string { return t.ws.String() + "/" + t.name }

func parseTarget(s string) (target, error) {
	i := strings.LastIndex(s, "/")
	if i < 0 {
		return target{}, fmt.Errorf("target %q is not <workspace>/<name>", s)
	}
	return target{ws: logicalcluster.NewPath(s[:i]), name: s[i+1:]}, nil
}

// runHost is the agent-host mode: one process beating for every target
// listed in the file o.targets, each as the real syncer's heartbeat would,
// started evenly over one renew interval. A SIGSTOP of this process stops
// all of them at once, as a hung syncer would.
func runHost(ctx context.Context, o *options) error {
	targets, err := readTargets(o.targets)
	if err != nil {
		return err
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", o.kubeconfig)
	if err != nil {
		return err
	}
	// Cluster-aware clients need the base URL, without the kubeconfig's /clusters/root.
	cfg.Host, cfg.QPS, cfg.Burst = framework.BaseHost(cfg.Host), 100, 200
	physicalCfg := cfg
	if o.physical != "" {
		if physicalCfg, err = clientcmd.BuildConfigFromFlags("", o.physical); err != nil {
			return err
		}
		physicalCfg.Host, physicalCfg.QPS, physicalCfg.Burst = framework.BaseHost(physicalCfg.Host), 100, 200
	}
	physical, err := kubernetes.NewForConfig(physicalCfg)
	if err != nil {
		return err
	}
	kube, err := kcpkubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	workload, err := workloadclientset.NewForConfig(cfg)
	if err != nil {
		return err
	}
	// A probe of the physical cluster's /readyz per beat: in tree a kcp of its
	// own, else kcp itself.
	probe := func(ctx context.Context) error {
		return physical.Discovery().RESTClient().Get().AbsPath("/readyz").Do(ctx).Error()
	}
	var wg sync.WaitGroup
	for i, t := range targets {
		h := &syncer.Heartbeat{SyncTarget: t.name, Identity: "bench-" + t.name, RenewInterval: o.renew, LeaseDuration: o.lease,
			Leases: kube.Cluster(t.ws).CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace),
			GetSyncTarget: func(ctx context.Context) (*workloadv1alpha1.SyncTarget, error) {
				return workload.Cluster(t.ws).WorkloadV1alpha1().SyncTargets().Get(ctx, t.name, metav1.GetOptions{})
			},
			Probe: probe, Now: time.Now, Metrics: syncer.NewMetrics()}
		offset := o.renew * time.Duration(i) / time.Duration(len(targets))
		wg.Go(func() {
			select {
			case <-ctx.Done():
				return
			case <-time.After(offset):
			}
			h.Run(ctx)
		})
	}
	wg.Wait()
	return nil
}

func readTargets(path string) ([]target, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	var targets []target
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		t, err := parseTarget(scanner.Text())
		if err != nil {
			return nil, err
		}
		targets = append(targets, t)
	}
	return targets, scanner.Err()
}
