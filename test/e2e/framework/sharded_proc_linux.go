//go:build linux

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
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// shardedBinaries are the programs a sharded kcp's process group runs.
var shardedBinaries = []string{"sharded-test-server", "kcp", "cache-server", "kcp-front-proxy"}

// groupMembers returns the arguments of the live (not zombie) processes of
// process group pgid, by pid.
func groupMembers(pgid int) map[int][]string {
	members := map[int][]string{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // Gone meanwhile.
		}
		// pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) < 3 || fields[0] == "Z" || fields[2] != strconv.Itoa(pgid) {
			continue
		}
		cmdline, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err != nil || len(cmdline) == 0 {
			continue
		}
		members[pid] = strings.Split(strings.TrimRight(string(cmdline), "\x00"), "\x00")
	}
	return members
}

func groupAlive(pgid int) bool { return len(groupMembers(pgid)) > 0 }

// endStaleGroup kills what is left of the group recorded in pidFile by a test
// binary that died without Stop, if it runs only a sharded kcp's programs.
func endStaleGroup(pidFile string) error {
	data, err := os.ReadFile(pidFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	pgid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pgid <= 1 {
		return os.Remove(pidFile)
	}
	members := groupMembers(pgid)
	for pid, args := range members {
		if !slices.Contains(shardedBinaries, filepath.Base(args[0])) {
			return fmt.Errorf("process group %d, recorded in %s, runs pid %d %v, not a sharded kcp: remove the file if it is stale", pgid, pidFile, pid, args)
		}
	}
	if len(members) > 0 {
		fmt.Fprintf(os.Stderr, "killing %d processes of a sharded kcp left behind (process group %d)\n", len(members), pgid)
		if err := syscall.Kill(-pgid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			return err
		}
		if err := wait.PollUntilContextTimeout(context.Background(), 100*time.Millisecond, 10*time.Second, true,
			func(context.Context) (bool, error) { return !groupAlive(pgid), nil }); err != nil {
			return fmt.Errorf("a sharded kcp left behind (process group %d) does not die: %w", pgid, err)
		}
	}
	return os.Remove(pidFile)
}

// ShardPID returns the process id of shard i's kcp (0 is the root shard), for
// example to freeze it with SIGSTOP; Stop resumes stopped processes.
func (k *ShardedKCP) ShardPID(i int) (int, error) {
	if k.group == nil {
		return 0, errors.New("the sharded kcp is not running")
	}
	flag := "--root-directory=" + filepath.Join(k.workDir, fmt.Sprintf(".kcp-%d", i))
	for pid, args := range groupMembers(k.group.pgid()) {
		if filepath.Base(args[0]) == "kcp" && slices.Contains(args, flag) {
			return pid, nil
		}
	}
	return 0, fmt.Errorf("no kcp process of shard %d in process group %d", i, k.group.pgid())
}
