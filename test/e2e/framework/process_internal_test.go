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
	"bufio"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestTerminate(t *testing.T) {
	t.Parallel()

	// Each script says "ready" once its signal handling is in place.
	tests := map[string]struct {
		script      string
		exitsFirst  bool // terminate is called once the process has exited
		wantIgnored bool
	}{
		"exits on SIGTERM":  {script: "echo ready; exec sleep 60"},
		"ignores SIGTERM":   {script: `trap "" TERM; echo ready; exec sleep 60`, wantIgnored: true},
		"exits before stop": {script: "echo ready", exitsFirst: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			cmd := exec.CommandContext(t.Context(), "sh", "-c", tc.script)
			out, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			line, err := bufio.NewReader(out).ReadString('\n')
			require.NoError(t, err)
			require.Equal(t, "ready\n", line)
			exited := make(chan struct{})
			go func() {
				_ = cmd.Wait()
				close(exited)
			}()
			if tc.exitsFirst {
				<-exited
			}

			const grace = 500 * time.Millisecond
			err = terminate(cmd.Process, exited, grace)
			if !tc.wantIgnored {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrIgnoredSIGTERM)
			require.ErrorContains(t, err, "ignored SIGTERM for 500ms and was killed")
			select {
			case <-exited:
			default:
				require.Fail(t, "terminate returned before the process was gone")
			}
		})
	}
}
