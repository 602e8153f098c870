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
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/config"
)

// BuildSyncer builds cmd/syncer into dir, with the race detector, and
// returns the binary's path.
func BuildSyncer(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "syncer")
	return bin, GoBuild(ctx, "./cmd/syncer", bin, "-race")
}

// SyncerConfig gives the syncer of the SyncTarget syncTarget in ws the
// least privilege of config/syncer (its sample name replaced), and returns
// a config for ws with a token of that ServiceAccount, default/syncer-<name>.
func SyncerConfig(ctx context.Context, base *rest.Config, ws logicalcluster.Path, syncTarget string) (*rest.Config, error) {
	files, err := config.Load(config.SyncerDir)
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		data, err := json.Marshal(f.Object.Object)
		if err != nil {
			return nil, err
		}
		obj := &unstructured.Unstructured{}
		if err := json.Unmarshal([]byte(strings.ReplaceAll(string(data), "my-synctarget", syncTarget)), &obj.Object); err != nil {
			return nil, err
		}
		files[i].Object = obj
	}
	if err := applyRBAC(ctx, ClusterConfig(base, ws), files, nil); err != nil {
		return nil, fmt.Errorf("the syncer's RBAC in %s: %w", ws, err)
	}
	sa, err := ServiceAccountConfig(ctx, base, ws, "default", "syncer-"+syncTarget)
	if err != nil {
		return nil, err
	}
	return ClusterConfig(sa, ws), nil
}

// WriteKubeconfig writes cfg (host, CA, and a token, token file or client
// certificate) as a kubeconfig to path.
func WriteKubeconfig(cfg *rest.Config, path string) error {
	kc := clientcmdapi.NewConfig()
	kc.Clusters["c"] = &clientcmdapi.Cluster{Server: cfg.Host, CertificateAuthority: cfg.CAFile,
		CertificateAuthorityData: cfg.CAData, TLSServerName: cfg.ServerName}
	kc.AuthInfos["u"] = &clientcmdapi.AuthInfo{Token: cfg.BearerToken, TokenFile: cfg.BearerTokenFile,
		ClientCertificate: cfg.CertFile, ClientCertificateData: cfg.CertData, ClientKey: cfg.KeyFile, ClientKeyData: cfg.KeyData}
	kc.Contexts["c"] = &clientcmdapi.Context{Cluster: "c", AuthInfo: "u"}
	kc.CurrentContext = "c"
	return clientcmd.WriteToFile(*kc, path)
}
