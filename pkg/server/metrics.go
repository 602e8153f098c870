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

package server

import (
	"k8s.io/component-base/metrics"

	// Registers the client-go workqueue metrics provider with the legacy registry.
	_ "k8s.io/component-base/metrics/prometheus/workqueue"
)

// syncTargetStats is what a runner's SyncTarget controller reports: its
// status patches, counted around its client, and the Ready split of its cache.
type syncTargetStats interface {
	Writes() counters
	ReadyCounts() (ready, notReady int, err error)
}

// counters are status patches by the answer kcp gave: written with Ready True
// or not, refused with 409 Conflict, or 404 Not Found (the SyncTarget was gone).
type counters struct {
	readyWrites, notReadyWrites, conflicts, deleted int64
}

// add adds the counts of s; nil adds nothing.
func (c *counters) add(s syncTargetStats) {
	if s == nil {
		return
	}
	w := s.Writes()
	c.readyWrites += w.readyWrites
	c.notReadyWrites += w.notReadyWrites
	c.conflicts += w.conflicts
	c.deleted += w.deleted
}

// The process-wide families keep their names and labels: they sum over every
// endpoint, and the counters include runners that have stopped. The
// kcp_synctarget_endpoint_* families break them down by endpoint URL (one per
// shard) for the runners running now.
var (
	statusWritesDesc = metrics.NewDesc("kcp_synctarget_status_writes_total",
		"Status patches the synctarget controller sent and kcp accepted, by the Ready status written.",
		[]string{"ready"}, nil, metrics.ALPHA, "")
	conflictsDesc = metrics.NewDesc("kcp_synctarget_status_conflicts_total",
		"Status patches refused with 409 Conflict because the SyncTarget changed meanwhile; each is retried.",
		nil, nil, metrics.ALPHA, "")
	deletedDesc = metrics.NewDesc("kcp_synctarget_status_deleted_total",
		"Status patches answered 404 Not Found: the SyncTarget was deleted after it was read; each is dropped.",
		nil, nil, metrics.ALPHA, "")
	syncTargetsDesc = metrics.NewDesc("kcp_synctarget_synctargets",
		"SyncTargets in the controller's caches, by whether their Ready condition is True.",
		[]string{"ready"}, nil, metrics.ALPHA, "")
	leaderDesc = metrics.NewDesc("kcp_synctarget_leader",
		"1 while this replica holds the leader Lease (or runs without leader election) and serves; 0 while it stands by.",
		nil, nil, metrics.ALPHA, "")
	runnersDesc = metrics.NewDesc("kcp_synctarget_endpoint_runners",
		"Endpoints of the APIExportEndpointSlice (one per shard with a binding) this replica serves now.",
		nil, nil, metrics.ALPHA, "")
	runnerStartsDesc = metrics.NewDesc("kcp_synctarget_endpoint_runner_starts_total",
		"Endpoint runners started since the process started: one per URL that appeared in the slice.",
		nil, nil, metrics.ALPHA, "")
	endpointSyncedDesc = metrics.NewDesc("kcp_synctarget_endpoint_synced",
		"1 once the endpoint's informer caches synced and its controllers run; 0 while it starts or retries.",
		[]string{"endpoint"}, nil, metrics.ALPHA, "")
	endpointWritesDesc = metrics.NewDesc("kcp_synctarget_endpoint_status_writes_total",
		"Status patches sent through this endpoint since its runner started, by the Ready status written.",
		[]string{"endpoint", "ready"}, nil, metrics.ALPHA, "")
	endpointConflictsDesc = metrics.NewDesc("kcp_synctarget_endpoint_status_conflicts_total",
		"Status patches through this endpoint refused with 409 Conflict since its runner started.",
		[]string{"endpoint"}, nil, metrics.ALPHA, "")
	endpointDeletedDesc = metrics.NewDesc("kcp_synctarget_endpoint_status_deleted_total",
		"Status patches through this endpoint answered 404 Not Found since its runner started.",
		[]string{"endpoint"}, nil, metrics.ALPHA, "")
	endpointSyncTargetsDesc = metrics.NewDesc("kcp_synctarget_endpoint_synctargets",
		"SyncTargets in this endpoint's cache, by whether their Ready condition is True.",
		[]string{"endpoint", "ready"}, nil, metrics.ALPHA, "")
)
