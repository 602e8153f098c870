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

// Package intree holds the e2e tests of the kcp built by hack/build-kcp-intree.sh,
// which runs the SyncTarget controller inside kcp's own start-up behind the
// SyncTargetController feature gate. No controller runs outside kcp here.
package intree

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// gateOn is the flag that turns the in-tree SyncTarget controller on.
const gateOn = "--feature-gates=SyncTargetController=true"

var (
	// inTreeBin is the in-tree kcp binary, checked to match the current sources.
	inTreeBin string
	// gatedServer is the kcp (gate on) shared by the tests that neither restart
	// it nor need the gate off.
	gatedServer *framework.KCP
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	ctx := context.Background()
	var err error
	if inTreeBin, err = framework.InTreeKCPBinary(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	dir, err := os.MkdirTemp("", "e2e-intree-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintln(os.Stderr, "removing kcp's directory:", err)
		}
	}()

	gatedServer, err = framework.StartKCPWithOptions(ctx, dir, framework.Options{Binary: inTreeBin, Args: []string{gateOn}})
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting the in-tree kcp:", err)
		return 1
	}
	code := m.Run()
	if code != 0 {
		fmt.Fprintf(os.Stderr, "last 50 lines of %s:\n%s\n", gatedServer.LogPath(), gatedServer.LogTail(50))
	}
	if err := gatedServer.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "stopping kcp:", err)
		return 1
	}
	return code
}
