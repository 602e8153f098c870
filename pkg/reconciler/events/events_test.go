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

package events

import (
	"testing"

	"github.com/stretchr/testify/require"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
)

func TestWithoutSyncs(t *testing.T) {
	t.Parallel()

	rv := func(v string) *corev1.ConfigMap {
		return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{ResourceVersion: v}}
	}
	tests := map[string]struct {
		oldObj, newObj any
		wantUpdate     bool
	}{
		"a resync (same resourceVersion) is dropped": {oldObj: rv("5"), newObj: rv("5")},
		"a real update passes":                       {oldObj: rv("5"), newObj: rv("6"), wantUpdate: true},
		"objects without metadata pass":              {oldObj: "old", newObj: "new", wantUpdate: true},
		"a nil old object passes":                    {oldObj: nil, newObj: rv("6"), wantUpdate: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var adds, updates, deletes int
			h := WithoutSyncs(cache.ResourceEventHandlerFuncs{
				AddFunc:    func(any) { adds++ },
				UpdateFunc: func(any, any) { updates++ },
				DeleteFunc: func(any) { deletes++ },
			})
			h.OnAdd(rv("1"), false)
			h.OnUpdate(tc.oldObj, tc.newObj)
			h.OnDelete(rv("9"))

			wantUpdates := 0
			if tc.wantUpdate {
				wantUpdates = 1
			}
			require.Equal(t, [3]int{1, wantUpdates, 1}, [3]int{adds, updates, deletes})
		})
	}
}
