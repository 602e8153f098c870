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

// Package events filters informer events for kcp's controllers. This
// repository carries the part of kcp's github.com/kcp-dev/kcp/pkg/reconciler/events
// (v0.30.0) that its controllers call, with the same API; the in-tree build
// compiles against kcp's own package.
package events

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
)

// WithoutSyncs wraps h so that updates whose resourceVersion did not change
// are dropped: an informer's periodic resync delivers every object again as
// such an update, and it carries no news. Adds and deletes pass through.
func WithoutSyncs(h cache.ResourceEventHandler) cache.ResourceEventHandler {
	return withoutSyncs{ResourceEventHandler: h}
}

type withoutSyncs struct {
	cache.ResourceEventHandler
}

func (h withoutSyncs) OnUpdate(oldObj, newObj any) {
	oldMeta, oldOK := oldObj.(metav1.Object)
	newMeta, newOK := newObj.(metav1.Object)
	if oldOK && newOK && oldMeta.GetResourceVersion() == newMeta.GetResourceVersion() {
		return
	}
	h.ResourceEventHandler.OnUpdate(oldObj, newObj)
}
