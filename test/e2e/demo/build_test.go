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

package demo

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// buildDemo builds hack/demo (with coverage when make collects it).
func buildDemo(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "synctarget-demo")
	require.NoError(t, framework.GoBuild(t.Context(), "./hack/demo", bin))
	return bin
}
