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
	"context"
	"fmt"
	"syscall"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
)

// detect SIGSTOPs one host (1/o.hosts of the syncers) and times, per stopped
// syncer, its last renewal to Ready=Unknown; the others must not move.
func (r *result) detect(ctx context.Context, e *env, w *watcher, stopped *host) error {
	w.mark()
	if err := stopped.signal(syscall.SIGSTOP); err != nil {
		return err
	}
	last, err := lastRenewals(ctx, e, stopped.targets)
	if err != nil {
		return err
	}
	frozen := map[target]bool{}
	for _, t := range stopped.targets {
		frozen[t] = true
	}
	err = wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, r.o.lease+time.Minute, true, func(context.Context) (bool, error) {
		snap := w.snapshot()
		for t := range frozen {
			if snap[t].unknownAt.IsZero() {
				return false, nil
			}
		}
		return true, nil
	})
	if err != nil {
		return fmt.Errorf("waiting for the stopped syncers' SyncTargets to turn Unknown: %w", err)
	}
	if err := window(ctx, r.o.renew); err != nil { // the live ones must stay put in it
		return err
	}
	for t, s := range w.snapshot() {
		if frozen[t] {
			r.detections = append(r.detections, s.unknownAt.Sub(last[t]))
		} else {
			r.falseTransitions += s.transitions
		}
	}
	return nil
}
