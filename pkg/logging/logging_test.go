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

package logging

import (
	"testing"

	"github.com/go-logr/logr/funcr"
	"github.com/stretchr/testify/require"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"
)

func TestLoggerValues(t *testing.T) {
	t.Parallel()

	withKind := &corev1.ConfigMap{
		TypeMeta:   metav1.TypeMeta{Kind: "ConfigMap", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "cm", Annotations: map[string]string{logicalcluster.AnnotationKey: "abc"}},
	}
	tests := map[string]struct {
		obj  Object
		want string
	}{
		"the kind names the keys": {
			obj:  withKind,
			want: `"configmap.workspace"="abc" "configmap.namespace"="ns" "configmap.name"="cm" "configmap.apiVersion"="v1"`,
		},
		"without a kind, the Go type does": {
			obj:  &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"}},
			want: `"secret.workspace"="" "secret.namespace"="" "secret.name"="s" "secret.apiVersion"=""`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var line string
			logger := funcr.New(func(_, args string) { line = args }, funcr.Options{})
			logger = WithObject(WithQueueKey(WithReconciler(logger, "kcp-test"), "abc|cm"), tc.obj)
			logger.Info("hello")
			require.Equal(t, `"level"=0 "msg"="hello" "reconciler"="kcp-test" "key"="abc|cm" `+tc.want, line)
		})
	}
}
