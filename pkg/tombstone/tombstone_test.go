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

package tombstone

import (
	"testing"

	"github.com/stretchr/testify/require"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
)

func TestObj(t *testing.T) {
	t.Parallel()

	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cm"}}
	tests := map[string]struct {
		in        any
		wantPanic string
	}{
		"the object itself":                 {in: cm},
		"a tombstone of the object":         {in: cache.DeletedFinalStateUnknown{Key: "cm", Obj: cm}},
		"another type is a programming bug": {in: &corev1.Secret{}, wantPanic: "tombstone: got *v1.Secret, want *v1.ConfigMap"},
		"a tombstone of another type too": {
			in: cache.DeletedFinalStateUnknown{Key: "s", Obj: &corev1.Secret{}}, wantPanic: "tombstone: got *v1.Secret, want *v1.ConfigMap",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			if tc.wantPanic != "" {
				require.PanicsWithError(t, tc.wantPanic, func() { Obj[*corev1.ConfigMap](tc.in) })
				return
			}
			require.Same(t, cm, Obj[*corev1.ConfigMap](tc.in))
		})
	}
}
