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

package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTicks is USER_HZ, the unit of /proc CPU times on Linux.
const clockTicks = 100

// cpuSample is the machine's busy CPU time and that of some processes.
type cpuSample struct {
	at    time.Time
	busy  float64            // seconds, all CPUs
	procs map[string]float64 // seconds, by role
}

// cpuUse is the average number of cores busy between two samples.
type cpuUse struct {
	machine float64
	procs   map[string]float64
}

// sampleCPU reads /proc/stat and /proc/PID/stat of pids (by role). Errors
// leave zeros: the numbers explain results, they are not results.
func sampleCPU(pids map[string]int) cpuSample {
	s := cpuSample{at: time.Now(), procs: map[string]float64{}}
	if data, err := os.ReadFile("/proc/stat"); err == nil {
		fields := strings.Fields(strings.SplitN(string(data), "\n", 2)[0])
		// cpu user nice system idle iowait irq softirq steal ...
		for i, f := range fields {
			if v, err := strconv.ParseFloat(f, 64); err == nil && i >= 1 && i <= 8 && i != 4 && i != 5 {
				s.busy += v / clockTicks
			}
		}
	}
	for role, pid := range pids {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// Fields after the command name: state is the first, utime the 12th, stime the 13th.
		rest := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
		if len(rest) > 12 {
			utime, _ := strconv.ParseFloat(rest[11], 64)
			stime, _ := strconv.ParseFloat(rest[12], 64)
			s.procs[role] = (utime + stime) / clockTicks
		}
	}
	return s
}

// until is the use of CPU from s to later.
func (s cpuSample) until(later cpuSample) cpuUse {
	secs := later.at.Sub(s.at).Seconds()
	u := cpuUse{machine: (later.busy - s.busy) / secs, procs: map[string]float64{}}
	others := u.machine
	for role, v := range later.procs {
		u.procs[role] = (v - s.procs[role]) / secs
		others -= u.procs[role]
	}
	u.procs["others"] = max(others, 0)
	return u
}

func (u cpuUse) String() string {
	parts := []string{fmt.Sprintf("%.2f busy", u.machine)}
	for _, role := range []string{"kcp", "manager", "bench", "others"} {
		if v, ok := u.procs[role]; ok {
			parts = append(parts, fmt.Sprintf("%s %.2f", role, v))
		}
	}
	return strings.Join(parts, ", ")
}
