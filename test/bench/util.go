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
	"runtime"
	"strings"
	"time"

	"k8s.io/client-go/rest"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// load is the creation load of one side.
func (o *options) load(workspaces []logicalcluster.Path, prefix string) framework.Load {
	return framework.Load{Workspaces: workspaces, Prefix: prefix, Count: o.n, Parallelism: o.parallelism}
}

// phaseTimeout bounds one phase: generous, proportional to N.
func (o *options) phaseTimeout() time.Duration {
	return 2*time.Minute + time.Duration(o.n)*50*time.Millisecond
}

// creator is the client that creates SyncTargets, the same on both sides.
func creator(e *env) workloadclientset.ClusterInterface { return creatorFor(e.base) }

// creatorFor is the client that creates SyncTargets on the kcp of base.
func creatorFor(base *rest.Config) workloadclientset.ClusterInterface {
	return workloadclientset.NewForConfigOrDie(base)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// since formats the time elapsed since start.
func since(start time.Time) string { return time.Since(start).Round(100 * time.Millisecond).String() }

// machine names the CPU model and count.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d× %s, %s/%s", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH)
}

// loadAvg is the 1-minute load average.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data))[0]
}

// window waits d, a window in which nothing may happen, not a wait for something.
func window(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}
