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
	"io"
	"net/http"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"
)

// readyTimeout bounds the wait for a starting kcp to become ready.
const readyTimeout = 120 * time.Second

// waitReady polls /readyz until kcp reports ready and its admin can list
// workspaces in root. It fails early, with the log tail, if the process exits.
func (k *KCP) waitReady(ctx context.Context) error {
	var last, exitErr error
	err := wait.PollUntilContextTimeout(ctx, 500*time.Millisecond, readyTimeout, true, func(ctx context.Context) (bool, error) {
		select {
		case <-k.exited:
			exitErr = fmt.Errorf("kcp exited before it was ready (%v); last lines of %s:\n%s", k.waitErr, k.LogPath(), k.LogTail(30))
			return false, exitErr
		default:
		}
		last = k.probe(ctx)
		return last == nil, nil
	})
	switch {
	case err == nil:
		return nil
	case exitErr != nil:
		return exitErr
	default:
		return fmt.Errorf("kcp not ready: %w (last probe: %v); last lines of %s:\n%s", err, last, k.LogPath(), k.LogTail(30))
	}
}

// probe checks /readyz without credentials, trusting only the CA from the admin
// kubeconfig (written early in start-up), then one authenticated request.
func (k *KCP) probe(ctx context.Context) error {
	base, err := k.BaseConfig()
	if err != nil {
		return err
	}
	if err := get(ctx, rest.AnonymousClientConfig(base), "/readyz"); err != nil {
		return err
	}
	return get(ctx, base, "/clusters/root/apis/tenancy.kcp.io/v1alpha1/workspaces?limit=1")
}

// get sends a GET to cfg.Host+path and expects 200 OK.
func get(ctx context.Context, cfg *rest.Config, path string) error {
	client, err := rest.HTTPClientFor(cfg)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, cfg.Host+path, http.NoBody)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}
