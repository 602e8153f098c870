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

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

// ReadyCondition is the condition the synctarget controller owns, and its reasons.
const (
	ReadyCondition                  = "Ready"
	SyncTargetReadyReason           = "SyncTargetReady"
	InvalidKCPClusterReason         = "InvalidKCPCluster"
	InvalidAPIExportReferenceReason = "InvalidAPIExportReference"
)

// SyncTarget registers a physical cluster that a syncer serves for a logical cluster.
// +crd
// +genclient
// +genclient:nonNamespaced
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,categories=kcp
// +kubebuilder:printcolumn:name="KCP Cluster",type=string,JSONPath=`.spec.kcpCluster`
// +kubebuilder:printcolumn:name="Ready",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`
// +kubebuilder:printcolumn:name="Last Sync",type=date,JSONPath=`.status.lastSyncTime`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
type SyncTarget struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              SyncTargetSpec   `json:"spec"`
	Status            SyncTargetStatus `json:"status,omitempty"`
}

// SyncTargetSpec names the logical cluster served and the APIExports a syncer may sync.
type SyncTargetSpec struct {
	// kcpCluster is the path of the logical cluster the syncer serves, e.g. "root:org:team".
	// +kubebuilder:validation:MaxLength=512
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$`
	KCPCluster string `json:"kcpCluster"`
	// supportedAPIExports are "<export>" in this workspace or "<workspace path>:<export>".
	// +listType=set
	// +kubebuilder:validation:MaxItems=64
	// +kubebuilder:validation:items:MaxLength=253
	// +kubebuilder:validation:items:Pattern=`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(:[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*:)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`
	SupportedAPIExports []string `json:"supportedAPIExports,omitempty"`
}

// SyncTargetStatus is written by the synctarget controller, only when it changes.
type SyncTargetStatus struct {
	// conditions of every owner; the synctarget controller owns Ready.
	// +listType=map
	// +listMapKey=type
	Conditions []metav1.Condition `json:"conditions,omitempty"`
	// lastSyncTime is when the controller last wrote a change to this status:
	// with heartbeats, the last transition, not the last beat (the heartbeat
	// Lease's renewTime holds that, by the syncer's clock).
	LastSyncTime *metav1.Time `json:"lastSyncTime,omitempty"`
}

// SyncTargetList is a list of SyncTargets.
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object
type SyncTargetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []SyncTarget `json:"items"`
}
