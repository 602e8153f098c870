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

package synctarget

import (
	"k8s.io/apimachinery/pkg/api/meta"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
)

// The methods below let a server export metrics without this package
// depending on a metrics registry. They are safe for concurrent use.

// StatusWrites returns how many writes kcp accepted since the start.
func (c *controller) StatusWrites() int64 {
	ready, notReady := c.StatusWritesByReady()
	return ready + notReady
}

// StatusWritesByReady splits StatusWrites by the Ready condition kcp returned
// after the write: True, or anything else.
func (c *controller) StatusWritesByReady() (ready, notReady int64) {
	return c.stats.readyWrites.Load(), c.stats.notReadyWrites.Load()
}

// Conflicts returns how many writes kcp refused with a 409 because the
// SyncTarget had changed since it was read; each is retried.
func (c *controller) Conflicts() int64 {
	return c.stats.conflicts.Load()
}

// ReadyCounts counts the SyncTargets in the cache whose Ready condition is
// True and those whose is not, including those without one yet.
func (c *controller) ReadyCounts() (ready, notReady int, err error) {
	syncTargets, err := c.listSyncTargets()
	if err != nil {
		return 0, 0, err
	}
	for _, st := range syncTargets {
		if meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition) {
			ready++
		} else {
			notReady++
		}
	}
	return ready, notReady, nil
}
