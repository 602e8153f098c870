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
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

const (
	// kcpRequestTimeout is kcp's --request-timeout (the generic apiserver's
	// default; the framework does not set it). It is also how long kcp's
	// HTTP server waits on shutdown for its connections to go idle, which
	// those holding watches never do: with the manager connected, kcp exits
	// about 60 s after SIGTERM.
	kcpRequestTimeout = 60 * time.Second
	// stopTimeout is the grace a process gets after SIGTERM: kcp's HTTP
	// shutdown, then 30 s for the rest (embedded etcd, hooks).
	stopTimeout  = kcpRequestTimeout + 30*time.Second
	logTailBytes = 256 << 10
)

// ErrIgnoredSIGTERM is wrapped in Stop's error when the process was still
// running when its grace period ended, and had to be killed.
var ErrIgnoredSIGTERM = errors.New("ignored SIGTERM")

// Stop sends SIGTERM to kcp, waits up to stopTimeout (90 s) for it to exit,
// then kills it and fails with ErrIgnoredSIGTERM. kcp v0.30.0 needs up to
// its request timeout (60 s) while clients such as the manager hold watches,
// 1-2 s otherwise. It returns once the process is gone; later calls return
// the same result.
func (k *KCP) Stop() error {
	k.stopOnce.Do(func() {
		if err := terminate(k.cmd.Process, k.exited, stopTimeout); err != nil {
			k.stopErr = fmt.Errorf("kcp: %w", err)
		}
	})
	return k.stopErr
}

// terminate sends SIGTERM to proc unless exited is closed already and waits
// up to grace for exited. If the process is still running then, it kills it,
// waits until it is gone, and fails with ErrIgnoredSIGTERM.
func terminate(proc *os.Process, exited <-chan struct{}, grace time.Duration) error {
	select {
	case <-exited:
		return nil
	default:
	}
	if err := proc.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("sending SIGTERM to pid %d: %w", proc.Pid, err)
	}
	timer := time.NewTimer(grace)
	defer timer.Stop()
	select {
	case <-exited:
		return nil
	case <-timer.C:
	}
	if err := killAndWait(proc, exited); err != nil {
		return err
	}
	return fmt.Errorf("pid %d %w for %s and was killed", proc.Pid, ErrIgnoredSIGTERM, grace)
}

// LogTail returns the last n lines of the kcp log (from its last 256 KiB).
func (k *KCP) LogTail(n int) string { return tailFile(k.LogPath(), n) }

// tailFile returns the last n lines of the file at path (from its last 256 KiB).
func tailFile(path string, n int) string {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	defer func() { _ = f.Close() }()
	var offset int64
	if info, err := f.Stat(); err == nil && info.Size() > logTailBytes {
		offset = info.Size() - logTailBytes
	}
	data, err := io.ReadAll(io.NewSectionReader(f, offset, logTailBytes))
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if offset > 0 && len(lines) > 1 {
		lines = lines[1:] // The first line is likely cut.
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
