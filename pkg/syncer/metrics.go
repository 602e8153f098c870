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

package syncer

import (
	"time"

	"k8s.io/component-base/metrics"
)

// Metrics tell why the syncer does not renew, where a log line may be lost.
type Metrics struct {
	Registry    metrics.KubeRegistry
	renewals    *metrics.Counter
	failures    *metrics.CounterVec
	renewing    *metrics.Gauge
	lastRenewal *metrics.Gauge
}

// NewMetrics registers the heartbeat's metrics with a registry of their own.
func NewMetrics() *Metrics {
	m := &Metrics{
		Registry: metrics.NewKubeRegistry(),
		renewals: metrics.NewCounter(&metrics.CounterOpts{Name: "syncer_heartbeat_renewals_total",
			Help: "Renewals of the heartbeat Lease that kcp accepted.", StabilityLevel: metrics.ALPHA}),
		failures: metrics.NewCounterVec(&metrics.CounterOpts{Name: "syncer_heartbeat_failures_total",
			Help: "Beats that renewed nothing, by reason.", StabilityLevel: metrics.ALPHA}, []string{"reason"}),
		renewing: metrics.NewGauge(&metrics.GaugeOpts{Name: "syncer_heartbeat_renewing",
			Help: "1 while the last beat renewed the Lease, 0 while it did not.", StabilityLevel: metrics.ALPHA}),
		lastRenewal: metrics.NewGauge(&metrics.GaugeOpts{Name: "syncer_heartbeat_last_renewal_timestamp_seconds",
			Help: "The renewTime of the last renewal, by the syncer's clock.", StabilityLevel: metrics.ALPHA}),
	}
	m.Registry.MustRegister(m.renewals, m.failures, m.renewing, m.lastRenewal)
	return m
}

func (m *Metrics) renewed(at time.Time) {
	m.renewals.Inc()
	m.renewing.Set(1)
	m.lastRenewal.Set(float64(at.UnixNano()) / 1e9)
}

func (m *Metrics) notRenewing(reason string) {
	m.failures.WithLabelValues(reason).Inc()
	m.renewing.Set(0)
}
