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

import (
	"crypto/sha256"
	"encoding/hex"
)

// Reasons of the Ready condition while heartbeats are on (the
// SyncTargetHeartbeat gate in kcp, --heartbeat for the out-of-tree manager).
const (
	// SyncerConnectedReason: the spec is valid and the syncer's heartbeat is
	// fresh; it replaces SyncTargetReadyReason.
	SyncerConnectedReason = "SyncerConnected"
	// SyncerNotConnectedReason: no renewal of the SyncTarget's heartbeat Lease
	// has been observed yet.
	SyncerNotConnectedReason = "SyncerNotConnected"
	// SyncerHeartbeatExpiredReason: the Lease was not renewed within its
	// duration, as measured by the controller's own clock.
	SyncerHeartbeatExpiredReason = "SyncerHeartbeatExpired"
	// PhysicalClusterUnreachableReason: the syncer is alive but stopped renewing
	// because its physical cluster's /readyz fails.
	PhysicalClusterUnreachableReason = "PhysicalClusterUnreachable"
)

// The heartbeat Lease of a SyncTarget: a coordination.k8s.io/v1 Lease in the
// SyncTarget's workspace, named by HeartbeatLeaseName, in
// HeartbeatLeaseNamespace, labelled HeartbeatLabel=true and owned by the
// SyncTarget (so it is deleted with it). The syncer renews it; the
// controller only reads it.
const (
	HeartbeatLeaseNamespace = "kube-system"
	HeartbeatLabel          = "workload.kcp.io/heartbeat"
	// UnreachableAnnotation is set by the syncer, with the reason as its value,
	// while it does not renew because the physical cluster is unreachable.
	UnreachableAnnotation = "workload.kcp.io/physical-cluster-unreachable"

	heartbeatLeasePrefix = "synctarget-"
	maxNameLength        = 253
)

// HeartbeatLeaseName is the name of the heartbeat Lease of the SyncTarget
// named syncTarget: "synctarget-<name>", or, where that would exceed the
// limit of an object name, its head and a hash of the whole name.
func HeartbeatLeaseName(syncTarget string) string {
	name := heartbeatLeasePrefix + syncTarget
	if len(name) <= maxNameLength {
		return name
	}
	sum := sha256.Sum256([]byte(syncTarget))
	return name[:maxNameLength-17] + "-" + hex.EncodeToString(sum[:8])
}
