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
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
)

// Manager is a synctarget controller manager (cmd/synctarget-controller)
// running as a child process, so that tests can kill it and read its memory.
type Manager struct {
	cmd     *exec.Cmd
	addr    string
	logPath string

	exited  chan struct{}
	waitErr error // Written before exited is closed.

	stopOnce sync.Once
	stopErr  error
}

// BuildManager builds cmd/synctarget-controller into dir with GoBuild (so
// with coverage when CoverDirEnv is set), with the race detector when race
// is set, and returns the binary's path.
func BuildManager(ctx context.Context, dir string, race bool) (string, error) {
	bin := filepath.Join(dir, "synctarget-controller")
	var flags []string
	if race {
		flags = append(flags, "-race")
	}
	return bin, GoBuild(ctx, "./cmd/synctarget-controller", bin, flags...)
}

// StartManager starts the manager binary bin with args plus a
// --bind-address on a free loopback port, appending its output to logPath.
// It does not wait for readiness (see WaitReady); call Stop or Kill to end it.
func StartManager(ctx context.Context, bin, logPath string, args ...string) (*Manager, error) {
	ports, err := FreePorts(ctx, 1)
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the manager log: %w", err)
	}
	// Not CommandContext: the process outlives ctx until Stop or Kill.
	cmd := exec.Command(bin, append(args, "--bind-address="+addr)...) //nolint:noctx // the process outlives ctx: Stop or Kill ends it.
	cmd.Stdout, cmd.Stderr, cmd.Env = logFile, logFile, BinaryEnv()
	StopWithParent(cmd)
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	m := &Manager{cmd: cmd, addr: addr, logPath: logPath, exited: make(chan struct{})}
	go func() {
		m.waitErr = cmd.Wait()
		_ = logFile.Close()
		close(m.exited)
	}()
	return m, nil
}

// PID returns the manager's process id.
func (m *Manager) PID() int { return m.cmd.Process.Pid }

// Addr is the host:port of its /healthz, /readyz and /metrics.
func (m *Manager) Addr() string { return m.addr }

// LogPath is the file holding its output.
func (m *Manager) LogPath() string { return m.logPath }

// Exited is closed once the process has exited and been reaped.
func (m *Manager) Exited() <-chan struct{} { return m.exited }

// Stop sends SIGTERM and waits up to 90 s for a clean exit, then kills it.
// It returns an error if the process had to be killed or had exited with a
// failure before.
func (m *Manager) Stop() error {
	m.stopOnce.Do(func() { m.stopErr = m.stop() })
	return m.stopErr
}

func (m *Manager) stop() error {
	if err := terminate(m.cmd.Process, m.exited, stopTimeout); err != nil {
		return fmt.Errorf("the manager: %w", err)
	}
	return m.exitError()
}

func (m *Manager) exitError() error {
	if m.waitErr != nil {
		return fmt.Errorf("the manager (pid %d) exited: %w", m.PID(), m.waitErr)
	}
	return nil
}

// Kill ends the manager with SIGKILL, as a crash would, and waits until it is
// gone. Later Stop or Kill calls return nil.
func (m *Manager) Kill() error {
	m.stopOnce.Do(func() { m.stopErr = killAndWait(m.cmd.Process, m.exited) })
	return m.stopErr
}
