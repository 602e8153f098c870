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
	"path/filepath"
	"strings"
	"syscall"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// host is a child process beating for its share of the targets.
type host struct {
	index   int
	proc    *framework.Manager // nil until started
	targets []target
}

// assignHosts splits ts over o.hosts hosts, target i to host i mod o.hosts.
func assignHosts(o *options, ts []target) []*host {
	hosts := make([]*host, o.hosts)
	for i := range hosts {
		hosts[i] = &host{index: i}
	}
	for i, t := range ts {
		hosts[i%o.hosts].targets = append(hosts[i%o.hosts].targets, t)
	}
	return hosts
}

// targetsOf is every target of hosts.
func targetsOf(hosts []*host) []target {
	var out []target
	for _, h := range hosts {
		out = append(out, h.targets...)
	}
	return out
}

// startHosts starts each of hosts as a child process of this binary in -host mode.
func startHosts(ctx context.Context, dir string, e *env, o *options, hosts []*host) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	// kcp-admin through the token file of e.base, which follows a kcp restart.
	kubeconfig := filepath.Join(dir, "hosts.kubeconfig")
	if err := framework.WriteKubeconfig(e.base, kubeconfig); err != nil {
		return err
	}
	for _, h := range hosts {
		lines := make([]string, len(h.targets))
		for j, t := range h.targets {
			lines[j] = t.String()
		}
		file := filepath.Join(dir, fmt.Sprintf("host-%d.targets", h.index))
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
			return err
		}
		h.proc, err = framework.StartManager(ctx, self, filepath.Join(dir, fmt.Sprintf("host-%d.log", h.index)), "-host",
			"-kubeconfig="+kubeconfig, "-physical-kubeconfig="+e.physicalKubeconfig, "-targets="+file,
			"-lease="+o.lease.String(), "-renew="+o.renew.String())
		if err != nil {
			return err
		}
	}
	return nil
}

// signal sends sig to the host, as SIGSTOP freezes a syncer that hangs.
func (h *host) signal(sig syscall.Signal) error { return syscall.Kill(h.proc.PID(), sig) }

func stopHosts(hosts []*host) {
	for _, h := range hosts {
		if h != nil && h.proc != nil {
			_ = h.signal(syscall.SIGCONT)
			_ = h.proc.Kill()
		}
	}
}
