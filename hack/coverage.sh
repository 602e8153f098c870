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

# Prints the statement coverage of every hand-written package, merged over
# the coverage the tests recorded in _output/coverage/: text profiles of test
# binaries (*.out, written by `make test-unit`, `test-e2e`, `test-e2e-sharded`
# with -coverpkg) and the raw data of the binaries e2e tests ran (bin/, via
# GOCOVERDIR). A block counts as covered when any of them ran it. Generated
# code (sdk/, zz_generated.*) is left out. The last line is "total NN.N%".

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${REPO}/_output/coverage"
MODULE=github.com/kcp-dev/kcp

shopt -s nullglob
profiles=("${DIR}"/*.out)
if [[ -d "${DIR}/bin" ]] && [[ -n "$(ls -A "${DIR}/bin")" ]]; then
  go tool covdata textfmt -i="${DIR}/bin" -o "${DIR}/bin.txt"
  profiles+=("${DIR}/bin.txt")
fi
if [[ ${#profiles[@]} -eq 0 ]]; then
  echo "no coverage recorded in ${DIR}: run make test (or make test-unit) first" >&2
  exit 1
fi
echo "coverage from: ${profiles[*]#"${DIR}/"}"

# Every package of the module with non-test code, but the generated sdk/, must
# appear: one that no profile mentions would silently drop out of the total.
# Assigned first: a failing go list fails the script (a process substitution would hide it).
listed="$(cd "${REPO}" && go list -f '{{if .GoFiles}}{{.ImportPath}}{{range .GoFiles}} {{$.Dir}}/{{.}}{{end}}{{end}}' ./... |
  grep -v -e "^${MODULE}/sdk/" -e '^$')"
packages=()
while read -r pkg files; do
  # Coverage counts statements in function bodies only: a package of constants has none.
  # shellcheck disable=SC2086 # the file list splits on purpose
  if grep -qs '^func ' $(printf '%s\n' ${files} | grep -v '/zz_generated\.'); then packages+=("${pkg}"); fi
done <<<"${listed}"

# A profile line is "file:startLine.startCol,endLine.endCol numStmts count".
cat "${profiles[@]}" | grep -v '^mode:' | grep -v -e "^${MODULE}/sdk/" -e '/zz_generated\.' |
  awk -v pkgs="${packages[*]}" '
    {
      if (!($1 in stmts)) { stmts[$1] = $2 }
      if ($3 > 0) { covered[$1] = 1 }
    }
    END {
      n = split(pkgs, want, " ")
      for (block in stmts) {
        pkg = block; sub(/\/[^\/]*$/, "", pkg)
        total[pkg] += stmts[block]
        if (block in covered) { hit[pkg] += stmts[block] }
      }
      for (i = 1; i <= n; i++) {
        p = want[i]
        if (!(p in total)) { printf "no coverage recorded for %s: add it to -coverpkg\n", p; exit 2 }
        printf "%-70s %6.1f%%  (%d/%d)\n", p, 100 * hit[p] / total[p], hit[p], total[p]
        all += total[p]; allHit += hit[p]; seen[p] = 1
      }
      for (p in total) { if (!(p in seen)) { printf "not a package of this module: %s\n", p; exit 2 } }
      printf "total %.1f%%\n", 100 * allHit / all
    }'
