//go:build !linux

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
	"syscall"
)

// groupAlive reports whether process group pgid has a member (zombies too:
// without /proc they cannot be told apart).
func groupAlive(pgid int) bool { return syscall.Kill(-pgid, 0) == nil }

// endStaleGroup does nothing without /proc: it cannot check what the
// recorded group runs.
func endStaleGroup(string) error { return nil }

// ShardPID needs /proc to find the shard's process.
func (k *ShardedKCP) ShardPID(int) (int, error) {
	return 0, errors.New("finding a shard's process needs /proc (Linux)")
}
