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
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options choose how StartKCPWithOptions runs kcp.
type Options struct {
	// Binary is the kcp binary to run. Empty means KCPBinary().
	Binary string
	// Args are appended to the flags of `kcp start`, e.g.
	// "--feature-gates=SyncTargetController=true".
	Args []string
}

// StartKCPWithOptions is StartKCP with a chosen binary and extra flags.
func StartKCPWithOptions(ctx context.Context, rootDir string, opts Options) (*KCP, error) {
	bin := opts.Binary
	if bin == "" {
		var err error
		if bin, err = KCPBinary(); err != nil {
			return nil, err
		}
	} else if err := checkBinary(bin); err != nil {
		return nil, err
	}
	rootDir, err := filepath.Abs(rootDir)
	if err != nil {
		return nil, err
	}
	_, statErr := os.Stat(rootDir)
	fresh := errors.Is(statErr, fs.ErrNotExist)
	for attempt := 1; ; attempt++ {
		ports, err := FreePorts(ctx, 3)
		if err != nil {
			return nil, err
		}
		k := &KCP{rootDir: rootDir, bin: bin, args: slices.Clone(opts.Args), ports: ports}
		k, err = k.start(ctx)
		// A port free when picked can be taken before kcp binds it (as the
		// source port of some connection): on a fresh directory, try others.
		if err == nil || !fresh || attempt == portAttempts || !strings.Contains(err.Error(), "bind: address already in use") {
			return k, err
		}
		if err := os.RemoveAll(rootDir); err != nil {
			return nil, err
		}
	}
}

// portAttempts is how often a fresh kcp is started on new ports after one it
// picked was taken meanwhile.
const portAttempts = 3

// Restart stops k and starts the same binary with the same flags, ports and
// root directory, so the new server keeps k's state (etcd data, certificates,
// kubeconfigs). It returns the new server; k stays stopped.
func (k *KCP) Restart(ctx context.Context) (*KCP, error) {
	if err := k.Stop(); err != nil {
		return nil, fmt.Errorf("stopping kcp for a restart: %w", err)
	}
	next := &KCP{rootDir: k.rootDir, bin: k.bin, args: k.args, ports: k.ports}
	return next.start(ctx)
}
