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
	stopTimeout  = 90 * time.Second
	logTailBytes = 256 << 10
)

// Stop sends SIGTERM to kcp, waits up to 90 s for it to exit, then kills it.
// kcp v0.30.0 needs 35-60 s while clients such as the manager keep
// reconnecting their watches (it waits for them), 1-2 s otherwise.
// It returns once the process is gone; later calls return the same result.
func (k *KCP) Stop() error {
	k.stopOnce.Do(func() { k.stopErr = k.stop() })
	return k.stopErr
}

func (k *KCP) stop() error {
	select {
	case <-k.exited:
		return nil
	default:
	}
	if err := k.cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("sending SIGTERM to kcp (pid %d): %w", k.PID(), err)
	}
	timer := time.NewTimer(stopTimeout)
	defer timer.Stop()
	select {
	case <-k.exited:
		return nil
	case <-timer.C:
	}
	if err := k.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("killing kcp (pid %d): %w", k.PID(), err)
	}
	<-k.exited
	return fmt.Errorf("kcp (pid %d) ignored SIGTERM for %s and was killed", k.PID(), stopTimeout)
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
