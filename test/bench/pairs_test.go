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
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPrintShowsEveryPairAndEndsWithTheSummary(t *testing.T) {
	t.Parallel()

	var out bytes.Buffer
	goodRun().print(&out)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Equal(t, "SUMMARY n=1000 workspaces=10 pairs=3 ratio=1.10 ratio_spread=0.25 writes_per_object=1.000 steady_writes=0 restart_writes=0 rss_per_object_kib=1.50 mode=external",
		lines[len(lines)-1])
	for _, want := range []string{`(?m)^pair 1 ratio a/b +1\.10 +11\.00 s / 10\.00 s$`, `(?m)^pair 2 ratio a/b +1\.30 `, `(?m)^pair 3 ratio a/b +1\.05 `,
		`(?m)^\(c\) ratio a/b: median of 3 pairs +1\.10 +pairs 1\.10, 1\.30, 1\.05; spread 0\.25 \(max - min\)`} {
		require.Regexp(t, want, out.String())
	}
}

// fakePhases records the order of the phases and fails one on request.
type fakePhases struct {
	calls  []string
	failAt string
}

func (f *fakePhases) run(kind string, pair int) (time.Duration, error) {
	call := kind + strconv.Itoa(pair+1)
	f.calls = append(f.calls, call)
	if call == f.failAt {
		return 0, errors.New("boom")
	}
	return time.Duration(10+pair) * time.Second, nil
}

func (f *fakePhases) floor(_ context.Context, pair int) (*floorResult, error) {
	d, err := f.run("F", pair)
	return &floorResult{duration: d}, err
}

func (f *fakePhases) controller(_ context.Context, pair int) (*ctrlResult, error) {
	d, err := f.run("C", pair)
	return &ctrlResult{duration: d + time.Second}, err
}

func TestRunPairsAlternates(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		failAt    string
		wantCalls []string
		wantErr   string
	}{
		"three pairs":             {wantCalls: []string{"F1", "C1", "F2", "C2", "F3", "C3"}},
		"a failed phase ends all": {failAt: "C2", wantCalls: []string{"F1", "C1", "F2", "C2"}, wantErr: "pair 2, controller phase: boom"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			ph := &fakePhases{failAt: tc.failAt}
			pairs, err := runPairs(t.Context(), ph, 3)
			require.Equal(t, tc.wantCalls, ph.calls)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Len(t, pairs, 3)
			require.InDelta(t, 11.0/10, pairs[0].ratio(), 1e-9)
			require.InDelta(t, 13.0/12, pairs[2].ratio(), 1e-9)
		})
	}
}

func TestBenchRefusesNonsense(t *testing.T) {
	t.Parallel()

	_, err := bench(t.Context(), &options{n: 0, workspaces: 1, pairs: 3, parallelism: 1, workers: 1})
	require.EqualError(t, err, "-n, -w, -pairs, -p and -workers must be positive")
}
