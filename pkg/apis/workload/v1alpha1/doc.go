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

// Package v1alpha1 is the workload.kcp.io/v1alpha1 API: SyncTarget.
//
// +k8s:deepcopy-gen=package,register
// +groupName=workload.kcp.io
// +k8s:openapi-gen=true
// +k8s:openapi-model-package=com.github.kcp-dev.sdk.apis.workload.v1alpha1
package v1alpha1
