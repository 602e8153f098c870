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
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Kill ends kcp with SIGKILL, as a crash or an OOM kill would, and returns
// once the process is gone. Later Stop or Kill calls return the same result.
func (k *KCP) Kill() error {
	k.stopOnce.Do(func() { k.stopErr = killAndWait(k.cmd.Process, k.exited) })
	return k.stopErr
}

// StartAgain starts a new kcp process on the root directory and the ports
// of k, whose process must have exited (Stop or Kill), and waits until it is
// ready. Clients keep their URLs; kcp-admin's token changes, which configs
// from BaseConfig follow. k only describes the old process afterwards.
func (k *KCP) StartAgain(ctx context.Context) (*KCP, error) {
	return k.StartAgainWithArgs(ctx, k.args)
}

// StartAgainWithArgs is StartAgain with args in place of the extra flags k
// was started with (Options.Args), e.g. other feature gates.
func (k *KCP) StartAgainWithArgs(ctx context.Context, args []string) (*KCP, error) {
	select {
	case <-k.exited:
	default:
		return nil, fmt.Errorf("kcp (pid %d) is still running: Stop or Kill it first", k.PID())
	}
	next := &KCP{rootDir: k.rootDir, bin: k.bin, args: slices.Clone(args), ports: k.ports}
	return next.start(ctx)
}

// killAndWait sends SIGKILL to proc unless exited is closed already, then
// waits until it is.
func killAndWait(proc *os.Process, exited <-chan struct{}) error {
	select {
	case <-exited:
		return nil
	default:
	}
	if err := proc.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("killing pid %d: %w", proc.Pid, err)
	}
	<-exited
	return nil
}

// AdminKubeconfigFollowingRestarts writes into dir a kubeconfig for
// kcp-admin in root whose token is read from the file BaseConfig keeps up to
// date (client-go reads it again after a 401), so a process started with it
// survives kcp restarts, and returns its path.
func (k *KCP) AdminKubeconfigFollowingRestarts(dir string) (string, error) {
	base, err := k.BaseConfig()
	if err != nil {
		return "", err
	}
	kc := clientcmdapi.NewConfig()
	kc.Clusters["kcp"] = &clientcmdapi.Cluster{Server: base.Host + "/clusters/root", CertificateAuthorityData: base.CAData}
	kc.AuthInfos["kcp-admin"] = &clientcmdapi.AuthInfo{TokenFile: base.BearerTokenFile}
	kc.Contexts["root"] = &clientcmdapi.Context{Cluster: "kcp", AuthInfo: "kcp-admin"}
	kc.CurrentContext = "root"
	path := filepath.Join(dir, "admin-following-restarts.kubeconfig")
	return path, clientcmd.WriteToFile(*kc, path)
}
