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
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
)

// KCP is a kcp server running as a child process of this one.
type KCP struct {
	rootDir string
	bin     string
	args    []string
	ports   []int // secure port, embedded etcd client port, embedded etcd peer port
	cmd     *exec.Cmd

	exited  chan struct{}
	waitErr error // Written before exited is closed.

	stopOnce sync.Once
	stopErr  error
}

// StartKCP starts kcp with its state in rootDir and its output in rootDir/kcp.log,
// listening on free loopback ports, and waits until it is ready. The process is
// not tied to ctx (ctx only bounds the start): call Stop to end it.
func StartKCP(ctx context.Context, rootDir string) (*KCP, error) {
	return StartKCPWithOptions(ctx, rootDir, Options{})
}

// start runs the process and waits until it is ready; on failure it stops it.
func (k *KCP) start(ctx context.Context) (*KCP, error) {
	if err := os.MkdirAll(k.rootDir, 0o750); err != nil {
		return nil, fmt.Errorf("creating kcp root directory: %w", err)
	}
	// Appended to, so that the log of a restarted kcp keeps the earlier runs.
	logFile, err := os.OpenFile(k.LogPath(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("creating kcp log: %w", err)
	}
	args := append([]string{"start",
		"--root-directory=" + k.rootDir,
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(k.ports[0]),
		"--embedded-etcd-client-port=" + strconv.Itoa(k.ports[1]),
		"--embedded-etcd-peer-port=" + strconv.Itoa(k.ports[2]),
	}, k.args...)
	cmd := exec.Command(k.bin, args...) //nolint:noctx // the process outlives ctx: Stop ends it.
	cmd.Stdout, cmd.Stderr = logFile, logFile
	StopWithParent(cmd)
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("starting %s: %w", k.bin, err)
	}
	k.cmd, k.exited = cmd, make(chan struct{})
	go func() {
		k.waitErr = cmd.Wait()
		_ = logFile.Close()
		close(k.exited)
	}()
	if err := k.waitReady(ctx); err != nil {
		if stopErr := k.Stop(); stopErr != nil {
			err = fmt.Errorf("%w (and stopping it: %w)", err, stopErr)
		}
		return nil, err
	}
	return k, nil
}

// PID returns the process id of the kcp server.
func (k *KCP) PID() int { return k.cmd.Process.Pid }

// Port returns the secure port kcp serves on 127.0.0.1.
func (k *KCP) Port() int { return k.ports[0] }

// URL returns the base URL of the server, without a /clusters/ suffix.
func (k *KCP) URL() string { return "https://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(k.Port())) }

// RootDir returns the kcp root directory.
func (k *KCP) RootDir() string { return k.rootDir }

// AdminKubeconfig returns the path of the kubeconfig kcp writes for its admin.
func (k *KCP) AdminKubeconfig() string { return filepath.Join(k.rootDir, "admin.kubeconfig") }

// LogPath returns the path of the file that holds the kcp output.
func (k *KCP) LogPath() string { return filepath.Join(k.rootDir, "kcp.log") }

// Exited is closed once the kcp process has exited and been reaped.
func (k *KCP) Exited() <-chan struct{} { return k.exited }

// FreePorts returns n distinct ports that were free on 127.0.0.1. All listeners
// stay open until every port is picked, so the ports differ from each other.
func FreePorts(ctx context.Context, n int) ([]int, error) {
	var lc net.ListenConfig
	listeners := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range listeners {
			_ = l.Close()
		}
	}()
	ports := make([]int, 0, n)
	for range n {
		l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("picking a free port: %w", err)
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
