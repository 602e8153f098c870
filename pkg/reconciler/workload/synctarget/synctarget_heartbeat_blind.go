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

package synctarget

import (
	"context"
	"time"

	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/tools/cache"
)

// While the Lease watch fails (kcp restarting, say), the controller cannot
// see renewals and must not take their absence for staleness. It keeps every
// status until the informer lists or delivers again, then restarts every
// observation's clock, as at a start: nothing goes stale before one full
// lease duration after the controller could see again.

// watchLeases wraps the Lease informer's watch error handler: the first
// error makes the controller blind until the informer's resource version
// moves on, which one goroutine polls for.
func (c *controller) watchLeases(h *heartbeats, informer cache.SharedIndexInformer) {
	_ = informer.SetWatchErrorHandlerWithContext(func(ctx context.Context, r *cache.Reflector, err error) {
		cache.DefaultWatchErrorHandler(ctx, r, err)
		rv := informer.LastSyncResourceVersion()
		if !h.blind() {
			return
		}
		go func() { // not in the reflector's goroutine, which retries after this returns
			_ = wait.PollUntilContextCancel(ctx, time.Second, false, func(context.Context) (bool, error) {
				return informer.LastSyncResourceVersion() != rv, nil
			})
			for _, key := range h.see() {
				c.queue.Add(key)
			}
		}()
	})
}

// blind makes h blind and reports whether it was not already.
func (h *heartbeats) blind() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	was := h.blinded
	h.blinded = true
	return !was
}

// see ends a blindness: every observation's clock restarts now. It returns
// the keys of the SyncTargets to look at again.
func (h *heartbeats) see() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.blinded {
		return nil
	}
	h.blinded = false
	now, keys := h.now(), make([]string, 0, len(h.seen))
	for key, obs := range h.seen {
		obs.seenAt = now
		h.seen[key], keys = obs, append(keys, key)
	}
	return keys
}
