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
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kcp-dev/logicalcluster/v3"
)

const (
	// adminContext is the admin kubeconfig context of user kcp-admin in root.
	adminContext = "root"
	// shardAdminContext is the context of the shard's system:masters identity,
	// which may read /metrics.
	shardAdminContext = "system:admin"

	// QPS and Burst are set on every config this package returns: kcp clients
	// rate-limit per logical cluster, and the client-go defaults (5/10) are slow.
	QPS   = 100
	Burst = 200
)

// BaseConfig returns the kcp-admin config of the admin kubeconfig with Host set
// to the server's base URL (no /clusters/ suffix), as cluster-aware clientsets
// expect. Use ConfigFor for a config scoped to one workspace.
func (k *KCP) BaseConfig() (*rest.Config, error) { return k.contextConfig(adminContext) }

// ShardAdminConfig is BaseConfig for the shard admin (system:masters), which
// may read non-resource paths such as /metrics.
func (k *KCP) ShardAdminConfig() (*rest.Config, error) { return k.contextConfig(shardAdminContext) }

func (k *KCP) contextConfig(name string) (*rest.Config, error) {
	raw, err := clientcmd.LoadFromFile(k.AdminKubeconfig())
	if err != nil {
		return nil, fmt.Errorf("loading admin kubeconfig: %w", err)
	}
	cfg, err := clientcmd.NewNonInteractiveClientConfig(*raw, name, &clientcmd.ConfigOverrides{}, nil).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("admin kubeconfig context %q: %w", name, err)
	}
	cfg.Host = k.URL()
	cfg.QPS, cfg.Burst = QPS, Burst
	// kcp issues kcp-admin a new token whenever it starts. Through a token
	// file, clients follow a restart: after one 401, client-go reads the
	// file again, which the next call for this context has updated.
	if cfg.BearerToken != "" {
		tokenFile := filepath.Join(k.rootDir, strings.ReplaceAll(name, ":", "-")+".token")
		if err := writeFileAtomic(tokenFile, []byte(cfg.BearerToken)); err != nil {
			return nil, err
		}
		cfg.BearerToken, cfg.BearerTokenFile = "", tokenFile
	}
	return cfg, nil
}

// writeFileAtomic replaces the file at path with data, so that concurrent
// readers see the old or the new content, never a mix.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}

// ConfigFor returns the kcp-admin config scoped to the workspace at path.
func (k *KCP) ConfigFor(path logicalcluster.Path) (*rest.Config, error) {
	base, err := k.BaseConfig()
	if err != nil {
		return nil, err
	}
	return ClusterConfig(base, path), nil
}

// ClusterConfig returns a copy of cfg whose Host addresses the workspace at
// path: the base URL of cfg.Host followed by /clusters/<path>.
func ClusterConfig(cfg *rest.Config, path logicalcluster.Path) *rest.Config {
	out := rest.CopyConfig(cfg)
	out.Host = BaseHost(cfg.Host) + "/clusters/" + path.String()
	return out
}

// BaseHost strips a /clusters/<path> suffix (and trailing slashes) from host.
func BaseHost(host string) string {
	if i := strings.Index(host, "/clusters/"); i >= 0 {
		host = host[:i]
	}
	return strings.TrimRight(host, "/")
}
