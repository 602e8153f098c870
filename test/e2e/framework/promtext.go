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
	"fmt"
	"strconv"
	"strings"
)

// Sample is one series of a Prometheus text exposition and its value.
type Sample struct {
	Name   string
	Labels map[string]string
	Value  float64
}

// Metrics is one scrape of a /metrics endpoint.
type Metrics []Sample

// Sum adds the values of the samples named name whose labels include every
// pair of match. It fails when no sample matches: a metric renamed, a label
// changed or a series not exported yet is reported, not read as 0.
func (m Metrics) Sum(name string, match map[string]string) (float64, error) {
	var sum float64
	found := false
	for _, s := range m {
		if s.Name == name && s.matches(match) {
			sum += s.Value
			found = true
		}
	}
	if !found {
		if !m.Has(name) {
			return 0, fmt.Errorf("no metric %s", name)
		}
		return 0, fmt.Errorf("no series of %s with labels %v", name, match)
	}
	return sum, nil
}

// Has reports whether some sample is named name.
func (m Metrics) Has(name string) bool {
	for _, s := range m {
		if s.Name == name {
			return true
		}
	}
	return false
}

func (s Sample) matches(match map[string]string) bool {
	for k, v := range match {
		if got, ok := s.Labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// ParseMetrics parses the Prometheus text format: comment lines are skipped,
// every other line is name{labels} value [timestamp].
func ParseMetrics(text string) (Metrics, error) {
	var out Metrics
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, err := parseSample(line)
		if err != nil {
			return nil, fmt.Errorf("parsing metrics line %q: %w", line, err)
		}
		out = append(out, s)
	}
	return out, nil
}

func parseSample(line string) (Sample, error) {
	s := Sample{Labels: map[string]string{}}
	end := strings.IndexAny(line, "{ ")
	if end <= 0 {
		return s, fmt.Errorf("no metric name")
	}
	s.Name, line = line[:end], line[end:]
	if strings.HasPrefix(line, "{") {
		rest, err := parseLabels(line[1:], s.Labels)
		if err != nil {
			return s, err
		}
		line = rest
	}
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return s, fmt.Errorf("no value")
	}
	v, err := strconv.ParseFloat(fields[0], 64)
	s.Value = v
	return s, err
}

// parseLabels reads name="value" pairs up to the closing brace into labels
// and returns what follows the brace. Values use Go's escapes (\\, \", \n).
func parseLabels(in string, labels map[string]string) (string, error) {
	for {
		in = strings.TrimLeft(in, ", ")
		if strings.HasPrefix(in, "}") {
			return in[1:], nil
		}
		eq := strings.Index(in, "=\"")
		if eq <= 0 {
			return "", fmt.Errorf("malformed labels at %q", in)
		}
		name, rest := in[:eq], in[eq+2:]
		end := 0
		for end < len(rest) && rest[end] != '"' {
			if rest[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(rest) {
			return "", fmt.Errorf("unterminated value of label %q", name)
		}
		value, err := strconv.Unquote(`"` + rest[:end] + `"`)
		if err != nil {
			return "", fmt.Errorf("value of label %q: %w", name, err)
		}
		labels[name] = value
		in = rest[end+1:]
	}
}
