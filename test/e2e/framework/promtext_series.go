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

package framework

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Series returns the value of the sample written exactly series in the
// exposition (name, then its labels sorted by name), and whether it is there.
func (m Metrics) Series(series string) (float64, bool) {
	for _, s := range m {
		if s.String() == series {
			return s.Value, true
		}
	}
	return 0, false
}

// String is the sample's series as exposed: name{a="1",b="2"}.
func (s Sample) String() string {
	if len(s.Labels) == 0 {
		return s.Name
	}
	pairs := make([]string, 0, len(s.Labels))
	for _, k := range slices.Sorted(maps.Keys(s.Labels)) {
		pairs = append(pairs, k+"="+strconv.Quote(s.Labels[k]))
	}
	return s.Name + "{" + strings.Join(pairs, ",") + "}"
}
