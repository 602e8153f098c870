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

package v1alpha1

// ReadyCondition is the condition type the synctarget controller owns. It is
// True when the spec is valid and False, with one of the reasons below, when not.
const ReadyCondition = "Ready"

const (
	// SyncTargetReadyReason is the reason of a True Ready condition.
	SyncTargetReadyReason = "SyncTargetReady"
	// InvalidKCPClusterReason is the reason of a False Ready condition caused
	// by spec.kcpCluster not being a valid logical cluster path.
	InvalidKCPClusterReason = "InvalidKCPCluster"
	// InvalidAPIExportReferenceReason is the reason of a False Ready condition
	// caused by an invalid or duplicated entry of spec.supportedAPIExports.
	InvalidAPIExportReferenceReason = "InvalidAPIExportReference"
)
