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
	"net"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	logsapiv1 "k8s.io/component-base/logs/api/v1"
)

// TestRun drives the command as a user would, up to the point where it needs
// a kcp. The cases run one after the other: run applies the process-wide
// logging configuration.
//
//nolint:paralleltest // run applies the process-wide logging configuration.
func TestRun(t *testing.T) {
	// A second run in the same process applies the same logging options again.
	logsapiv1.ReapplyHandling = logsapiv1.ReapplyHandlingIgnoreUnchanged
	// A kubeconfig whose server refuses connections: a port that was free.
	ln, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	kubeconfig := filepath.Join(t.TempDir(), "kubeconfig")
	kc := clientcmdapi.NewConfig()
	kc.Clusters["kcp"] = &clientcmdapi.Cluster{Server: "https://" + addr + "/clusters/root", InsecureSkipTLSVerify: true}
	kc.AuthInfos["admin"] = &clientcmdapi.AuthInfo{Token: "token"}
	kc.Contexts["root"] = &clientcmdapi.Context{Cluster: "kcp", AuthInfo: "admin"}
	kc.CurrentContext = "root"
	require.NoError(t, clientcmd.WriteToFile(*kc, kubeconfig))

	tests := map[string]struct {
		args    []string
		wantErr string
	}{
		"--help prints the flags and exits cleanly": {args: []string{"--help"}},
		"an unknown flag":           {args: []string{"--no-such-flag"}, wantErr: "unknown flag: --no-such-flag"},
		"an invalid option":         {args: []string{"--workers=0"}, wantErr: "--workers must be at least 1, got 0"},
		"an invalid logging option": {args: []string{"--logging-format=yaml"}, wantErr: `format: Invalid value: "yaml": Unsupported log format`},
		"a missing kubeconfig": {
			args: []string{"--kubeconfig=" + filepath.Join(t.TempDir(), "none")}, wantErr: "loading kubeconfig",
		},
		"kcp out of reach: the bootstrap says where it looked": {
			args:    []string{"--kubeconfig=" + kubeconfig, "--leader-elect=false", "--bind-address="},
			wantErr: "is kcp running and reachable at the kubeconfig's server?",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := run(t.Context(), append([]string{"synctarget-controller"}, tc.args...))
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}
