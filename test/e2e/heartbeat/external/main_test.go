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

// Package external runs the heartbeat cases (test/e2e/heartbeat/cases)
// against a real kcp v0.30.0 and the manager with --heartbeat.
package external

import (
	"context"
	"os"
	"testing"

	"github.com/kcp-dev/kcp/test/e2e/framework"
	"github.com/kcp-dev/kcp/test/e2e/heartbeat/cases"
)

var (
	env        = &cases.Env{} // Bind is bindWithManager, set by TestMain
	managerBin string
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	env.Bind = bindWithManager
	return cases.Run(m, env, framework.Options{}, func(ctx context.Context, dir string) (err error) {
		managerBin, err = framework.BuildManager(ctx, dir, true)
		return err
	})
}
