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

// Package logging holds the structured-logging keys and helpers kcp's
// controllers share. This repository carries the part of kcp's
// github.com/kcp-dev/kcp/pkg/logging (v0.30.0) that its controllers call, with
// the same API; the in-tree build compiles them against kcp's own package.
package logging

import (
	"fmt"
	"strings"

	"github.com/go-logr/logr"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kcp-dev/logicalcluster/v3"
)

const (
	// ReconcilerKey names the reconciler a log line comes from.
	ReconcilerKey = "reconciler"
	// QueueKeyKey names the workqueue key being processed.
	QueueKeyKey = "key"

	// WorkspaceKey names the logical cluster of an object.
	WorkspaceKey = "workspace"
	// NamespaceKey names the namespace of an object.
	NamespaceKey = "namespace"
	// NameKey names the name of an object.
	NameKey = "name"
	// APIVersionKey names the API version of an object.
	APIVersionKey = "apiVersion"
)

// Object is what WithObject can describe: any API object with metadata.
type Object interface {
	metav1.Object
	runtime.Object
}

// WithReconciler returns logger with the reconciler's name attached.
func WithReconciler(logger logr.Logger, reconciler string) logr.Logger {
	return logger.WithValues(ReconcilerKey, reconciler)
}

// WithQueueKey returns logger with the workqueue key attached.
func WithQueueKey(logger logr.Logger, key string) logr.Logger {
	return logger.WithValues(QueueKeyKey, key)
}

// WithObject returns logger with the identity of obj attached: its logical
// cluster, namespace, name and API version, each key prefixed with the
// lower-cased kind (the Go type name when the object carries no kind).
func WithObject(logger logr.Logger, obj Object) logr.Logger {
	gvk := obj.GetObjectKind().GroupVersionKind()
	kind := gvk.Kind
	if kind == "" {
		typeName := fmt.Sprintf("%T", obj)
		kind = typeName[strings.LastIndex(typeName, ".")+1:]
	}
	prefix := strings.ToLower(kind) + "."
	return logger.WithValues(
		prefix+WorkspaceKey, logicalcluster.From(obj).String(),
		prefix+NamespaceKey, obj.GetNamespace(),
		prefix+NameKey, obj.GetName(),
		prefix+APIVersionKey, gvk.GroupVersion(),
	)
}
