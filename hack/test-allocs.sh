#!/usr/bin/env bash

# Copyright 2026 The kcp Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

# The allocation guard and the Go benchmarks, without -race: the race detector changes allocation
# counts, so synctarget_allocs_test.go is //go:build !race and runs only here. Fails when no
# Test*Alloc* test passed (a renamed test would match nothing and pass) or a benchmark fails; each
# benchmark runs once, to prove it still works.

set -o errexit -o nounset -o pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
pkg=./pkg/reconciler/workload/synctarget/

out="$(go test -count=1 -v -run 'Alloc' "${pkg}")" || { echo "${out}"; exit 1; }
if ! grep -qE '^--- PASS: Test[^ ]*Alloc' <<<"${out}"; then
  echo "${out}"
  echo "no allocation test ran in ${pkg}" >&2
  exit 1
fi
grep -E '^(--- PASS:|ok )' <<<"${out}"

# Assigned first: a failing go list fails the script instead of dropping packages.
listed="$(go list ./... | grep -v '/test/e2e')"
mapfile -t pkgs <<<"${listed}"
go test -count=1 -run '^$' -bench . -benchtime=1x -benchmem "${pkgs[@]}"
