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
	"os/exec"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// processGroup is a command started as the leader of its own process group,
// so that its children can be signalled and ended with it.
type processGroup struct {
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{}
	waitErr error // Written before exited is closed.
}

func startGroup(bin string, args []string, dir string, env []string, logPath string) (*processGroup, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	// Not CommandContext: the group outlives the start until Stop.
	cmd := exec.Command(bin, args...) //nolint:noctx // the group outlives the start: Stop ends it.
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = groupAttr()
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	g := &processGroup{cmd: cmd, logPath: logPath, exited: make(chan struct{})}
	go func() {
		g.waitErr = cmd.Wait()
		_ = logFile.Close()
		close(g.exited)
	}()
	return g, nil
}

func (g *processGroup) pgid() int { return g.cmd.Process.Pid }

func (g *processGroup) hasExited() bool {
	select {
	case <-g.exited:
		return true
	default:
		return false
	}
}

// err is the leader's exit error; call it after it exited.
func (g *processGroup) err() error { return g.waitErr }

// stop sends SIGTERM (and SIGCONT, for stopped members) to the group, waits
// for the leader and then every member to exit, and kills what is left after
// 45 s in all.
func (g *processGroup) stop() error {
	g.signal(syscall.SIGTERM)
	g.signal(syscall.SIGCONT)
	if g.waitGone(45 * time.Second) {
		return nil
	}
	g.signal(syscall.SIGKILL)
	g.waitGone(10 * time.Second)
	return fmt.Errorf("the sharded kcp (process group %d) ignored SIGTERM for 45 s and was killed", g.pgid())
}

// waitGone polls until the leader was reaped and no member is left.
func (g *processGroup) waitGone(timeout time.Duration) bool {
	err := wait.PollUntilContextTimeout(context.Background(), 100*time.Millisecond, timeout, true, func(context.Context) (bool, error) {
		return g.hasExited() && !groupAlive(g.pgid()), nil
	})
	return err == nil
}

func (g *processGroup) signal(sig syscall.Signal) {
	if err := syscall.Kill(-g.pgid(), sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		fmt.Fprintf(os.Stderr, "signalling process group %d: %v\n", g.pgid(), err)
	}
}

// logTail returns the last n lines of the leader's output.
func (g *processGroup) logTail(n int) string { return tailFile(g.logPath, n) }
