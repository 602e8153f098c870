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

// Package tombstone unwraps the objects informers hand to delete handlers.
// This repository carries kcp's github.com/kcp-dev/kcp/pkg/tombstone
// (v0.30.0) API; the in-tree build compiles against kcp's own package.
package tombstone

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/cache"
)

// Obj returns obj as a T, unwrapping a cache.DeletedFinalStateUnknown (what an
// informer delivers when it missed the delete event). Anything else is a
// programming error: the handler was registered on an informer of another
// type, so Obj panics, as a failed type assertion would.
func Obj[T runtime.Object](obj any) T {
	if deleted, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = deleted.Obj
	}
	t, ok := obj.(T)
	if !ok {
		var want T
		panic(fmt.Errorf("tombstone: got %T, want %T", obj, want))
	}
	return t
}
