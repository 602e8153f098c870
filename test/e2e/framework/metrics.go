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
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"

	"k8s.io/client-go/discovery"
)

// Metrics returns the Prometheus text of kcp's /metrics, read as the shard admin.
func (k *KCP) Metrics(ctx context.Context) (string, error) {
	body, err := k.getAsShardAdmin(ctx, "/metrics", nil)
	return string(body), err
}

// CollectGarbage has kcp run a full garbage collection (its heap profile
// with gc=1, which kcp serves unless started with --profiling=false) and
// returns, once it finished, that profile (pprof's format).
func (k *KCP) CollectGarbage(ctx context.Context) ([]byte, error) {
	return k.getAsShardAdmin(ctx, "/debug/pprof/heap", map[string]string{"gc": "1"})
}

// Goroutines returns kcp's goroutine profile, as text with one entry per
// distinct stack and its count.
func (k *KCP) Goroutines(ctx context.Context) ([]byte, error) {
	return k.getAsShardAdmin(ctx, "/debug/pprof/goroutine", map[string]string{"debug": "1"})
}

func (k *KCP) getAsShardAdmin(ctx context.Context, path string, params map[string]string) ([]byte, error) {
	cfg, err := k.ShardAdminConfig()
	if err != nil {
		return nil, err
	}
	client, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, err
	}
	req := client.RESTClient().Get().AbsPath(path)
	for name, value := range params {
		req = req.Param(name, value)
	}
	body, err := req.DoRaw(ctx)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	return body, nil
}

// WorkqueueMetric returns the value of the client-go workqueue metric (e.g.
// "workqueue_adds_total", "workqueue_depth") of the queue named queue in the
// Prometheus text metrics, and whether that queue reports it at all.
func WorkqueueMetric(metrics, metric, queue string) (float64, bool) {
	prefix := metric + `{name="` + queue + `"} `
	scanner := bufio.NewScanner(strings.NewReader(metrics))
	scanner.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for scanner.Scan() {
		if value, ok := strings.CutPrefix(scanner.Text(), prefix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
			return v, err == nil
		}
	}
	return 0, false
}

// ScrapeMetrics reads kcp's /metrics and parses it.
func (k *KCP) ScrapeMetrics(ctx context.Context) (Metrics, error) {
	text, err := k.Metrics(ctx)
	if err != nil {
		return nil, err
	}
	return ParseMetrics(text)
}
