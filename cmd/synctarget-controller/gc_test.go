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

package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSetGCTarget changes the process's GC target, so it runs alone and puts
// the previous one back.
//
//nolint:paralleltest // it changes the process-wide GC target.
func TestSetGCTarget(t *testing.T) {
	previous := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(previous) })

	require.Equal(t, "off", setGCTarget(func(string) (string, bool) { return "off", true }), "GOGC wins")
	require.Equal(t, 100, debug.SetGCPercent(100), "GOGC set: the target is left to the runtime")

	require.Equal(t, "25", setGCTarget(func(string) (string, bool) { return "", false }))
	require.Equal(t, defaultGCPercent, debug.SetGCPercent(100), "no GOGC: the manager's default")
}
