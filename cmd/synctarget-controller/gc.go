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
	"runtime/debug"
	"strconv"
)

// defaultGCPercent is the manager's garbage-collection target unless GOGC is
// set. Nearly all of the manager's heap is its informer cache, live for as
// long as the process runs; Go's default of 100 lets the heap grow to twice
// that before it collects, which doubles the memory per cached SyncTarget. At
// 25 a cached SyncTarget costs under 2 KiB of RSS (see test/bench), and the
// extra collections cost no CPU the benchmark can resolve: the manager uses
// about a tenth of a core during a burst and nothing at rest.
const defaultGCPercent = 25

// setGCTarget applies defaultGCPercent unless the GOGC environment variable
// (looked up by lookupEnv) sets the target, and returns the one in force.
func setGCTarget(lookupEnv func(string) (string, bool)) string {
	if gogc, ok := lookupEnv("GOGC"); ok {
		return gogc
	}
	debug.SetGCPercent(defaultGCPercent)
	return strconv.Itoa(defaultGCPercent)
}
