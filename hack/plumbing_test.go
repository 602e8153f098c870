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

// Package hack_test checks the build plumbing: Makefile targets and scripts
// must fail, and say why, when a step they depend on fails.
package hack_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakeGo stands in for go: it logs its arguments, lists one package unless
// FAKE_GO_LIST_FAILS is set, and prints FAKE_GO_TEST_OUTPUT for `go test`.
const fakeGo = `#!/bin/sh
echo "$*" >> "$FAKE_GO_LOG"
case "$1" in
list) if [ -n "$FAKE_GO_LIST_FAILS" ]; then echo "fake go: list failed" >&2; exit 1; fi; echo example.com/p ;;
test) printf '%s\n' "$FAKE_GO_TEST_OUTPUT" ;;
esac
`

// allocPass is what `go test -v -run Alloc` prints when the guard ran.
const allocPass = "=== RUN   TestNoopAllocs\n--- PASS: TestNoopAllocs (0.00s)\nok  \texample.com/p\t0.01s"

func TestMakeTargetsFailWhenAStepFails(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		target     string
		listFails  bool
		testOutput string
		wantErr    string   // on make's output; empty: make succeeds
		wantTests  []string // the `go test` invocations, by a word of each
	}{
		"unit tests, go list fails":            {target: "test-unit", listFails: true, wantErr: "fake go: list failed"},
		"e2e tests, go list fails":             {target: "test-e2e", listFails: true, wantErr: "fake go: list failed"},
		"sharded e2e tests, go list fails":     {target: "test-e2e-sharded", listFails: true, wantErr: "fake go: list failed"},
		"allocation guard, go list fails":      {target: "test-allocs", listFails: true, testOutput: allocPass, wantErr: "fake go: list failed", wantTests: []string{"Alloc"}},
		"allocation guard, no such test ran":   {target: "test-allocs", testOutput: "ok  \texample.com/p\t0.01s", wantErr: "no allocation test ran", wantTests: []string{"Alloc"}},
		"allocation guard and benchmarks pass": {target: "test-allocs", testOutput: allocPass, wantTests: []string{"Alloc", "-bench"}},
		"unit tests pass":                      {target: "test-unit", testOutput: "ok", wantTests: []string{"-race"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "go"), []byte(fakeGo), 0o700))
			log := filepath.Join(dir, "go.log")
			// -o: the kcp builds the e2e targets depend on are not run.
			//nolint:gosec // The arguments are the test's own.
			cmd := exec.CommandContext(t.Context(), "make", "--no-print-directory", "-o", "kcp", "-o", "kcp-intree",
				"-o", "kcp-sharded", "COVER_DIR="+filepath.Join(dir, "coverage"), tc.target)
			cmd.Dir = ".." // the repository root
			cmd.Env = append(os.Environ(), "PATH="+dir+":"+os.Getenv("PATH"), "FAKE_GO_LOG="+log,
				"FAKE_GO_TEST_OUTPUT="+tc.testOutput, "FAKE_GO_LIST_FAILS="+map[bool]string{true: "1"}[tc.listFails])
			out, err := cmd.CombinedOutput()
			if tc.wantErr == "" {
				require.NoError(t, err, "%s", out)
			} else {
				require.Error(t, err, "make %s must fail:\n%s", tc.target, out)
				require.Contains(t, string(out), tc.wantErr)
			}
			calls, err := os.ReadFile(log)
			require.NoError(t, err)
			var tests []string
			for line := range strings.Lines(string(calls)) {
				if rest, ok := strings.CutPrefix(line, "test "); ok {
					tests = append(tests, rest)
				}
			}
			require.Len(t, tests, len(tc.wantTests), "go test invocations: %q", tests)
			for i, word := range tc.wantTests {
				require.Contains(t, tests[i], word)
			}
		})
	}
}

func TestVerifyGofmt(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		file    string
		wantErr []string // on the script's output; none: it succeeds
	}{
		"clean":       {file: "package p\n\nfunc f() {}\n"},
		"unformatted": {file: "package p\nfunc  f() {}\n", wantErr: []string{"not gofmt-clean", "p.go"}},
		"unparsable":  {file: "package p\nfunc {\n", wantErr: []string{"gofmt could not read or parse", "p.go:2:6: expected 'IDENT'"}},
	}
	script, err := filepath.Abs("verify-gofmt.sh")
	require.NoError(t, err)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(tc.file), 0o600))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "ok.go"), []byte("package p\n"), 0o600))
			for _, args := range [][]string{{"init", "-q"}, {"add", "."}} {
				git := exec.CommandContext(t.Context(), "git", args...)
				git.Dir = dir
				out, err := git.CombinedOutput()
				require.NoError(t, err, "git %v: %s", args, out)
			}
			cmd := exec.CommandContext(t.Context(), script)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			if len(tc.wantErr) == 0 {
				require.NoError(t, err, "%s", out)
				require.Empty(t, string(out))
				return
			}
			require.Error(t, err, "%s", out)
			for _, want := range tc.wantErr {
				require.Contains(t, string(out), want)
			}
		})
	}
}
