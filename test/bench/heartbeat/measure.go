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
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	kcpkubernetes "github.com/kcp-dev/client-go/kubernetes"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// controllerPID is the process the controller runs in: the manager, or kcp.
func (e *env) controllerPID() int {
	if e.manager != nil {
		return e.manager.PID()
	}
	return e.kcp.PID()
}

// cpuSeconds is the controller process's CPU time so far (Linux /proc).
func cpuSeconds(e *env) (float64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", e.controllerPID()))
	if err != nil {
		return 0, err
	}
	// After the command name: utime is the 12th field, stime the 13th, in USER_HZ (100).
	rest := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(rest) < 13 {
		return 0, fmt.Errorf("unexpected /proc stat: %q", data)
	}
	utime, err := strconv.ParseFloat(rest[11], 64)
	if err != nil {
		return 0, err
	}
	stime, err := strconv.ParseFloat(rest[12], 64)
	return (utime + stime) / 100, err
}

// leasePuts is how many Lease updates kcp has served.
func leasePuts(ctx context.Context, e *env) (float64, error) {
	ms, err := e.kcp.ScrapeMetrics(ctx)
	if err != nil {
		return 0, err
	}
	return ms.Sum("apiserver_request_total", map[string]string{"resource": "leases", "verb": "PUT"})
}

// lastRenewals reads the renewTime of each target's Lease: the syncers run
// on this machine's clock, unskewed.
func lastRenewals(ctx context.Context, e *env, ts []target) (map[target]time.Time, error) {
	kube, err := kcpkubernetes.NewForConfig(e.base)
	if err != nil {
		return nil, err
	}
	out := map[target]time.Time{}
	for _, t := range ts {
		lease, err := kube.Cluster(t.ws).CoordinationV1().Leases(workloadv1alpha1.HeartbeatLeaseNamespace).
			Get(ctx, workloadv1alpha1.HeartbeatLeaseName(t.name), metav1.GetOptions{})
		if err != nil {
			return nil, err
		}
		if lease.Spec.RenewTime == nil {
			return nil, fmt.Errorf("the Lease of %s was never renewed", t)
		}
		out[t] = lease.Spec.RenewTime.Time
	}
	return out, nil
}
