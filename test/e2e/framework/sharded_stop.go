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
	"syscall"
	"time"
)

// acquireLock takes an exclusive flock on path, waiting until ctx ends.
func acquireLock(ctx context.Context, path string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Clean(path), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			_ = f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, fmt.Errorf("waiting for %s, held by another sharded kcp: %w", path, ctx.Err())
		case <-ticker.C:
		}
	}
}

// releaseLock unlocks and closes a lock from acquireLock; nil is fine.
func releaseLock(f *os.File) error {
	if f == nil {
		return nil
	}
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return errors.Join(err, f.Close())
}

// Stop ends the whole process group (resuming stopped processes), waits for
// every member to exit, removes a temporary work directory and releases the
// lock. Later calls return the same result.
func (k *ShardedKCP) Stop() error {
	k.stopOnce.Do(func() {
		var errs []error
		if k.group != nil {
			errs = append(errs, k.group.stop())
			if err := os.Remove(shardedPidFile); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
		if k.ownsWorkDir {
			errs = append(errs, os.RemoveAll(k.workDir))
		}
		errs = append(errs, releaseLock(k.lock))
		k.stopErr = errors.Join(errs...)
	})
	return k.stopErr
}

// LogTail returns the last n lines of sharded-test-server's own log.
func (k *ShardedKCP) LogTail(n int) string {
	if k.group == nil {
		return ""
	}
	return k.group.logTail(n)
}
