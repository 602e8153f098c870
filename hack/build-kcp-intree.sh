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

# Builds kcp with this repository's SyncTarget API and controller in-tree:
# kcp's released source from the module proxy, this repository's packages
# overlaid at the same import paths, the wiring of hack/intree/ applied
# (see hack/intree/README.md). The tree is kept in _output/kcp-<v>-intree/src,
# the binary in _output/kcp-<v>-intree/bin/kcp. Both are keyed on a content hash
# of every overlaid file, the wiring and the build scripts; a key that differs
# means a rebuild, so a stale binary is never used.
#
# Usage: hack/build-kcp-intree.sh [build|check|test|lint|bin-dir]
#   build    (default) rebuild unless the binary matches the current sources
#   check    exit 1 unless it does; builds nothing
#   test     build, then `go test -race` the overlaid packages inside kcp's tree
#   lint     build, then lint the wiring's lines with kcp's own .golangci.yaml
#            in kcp's tree ($GOLANGCI_LINT; extra arguments are more packages)
#   bin-dir  print the directory of the binary

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=hack/intree/lib.sh
source "${REPO}/hack/intree/lib.sh"

KCP_VERSION="$(intree_pin "${REPO}" KCP_VERSION)"
OUT="${REPO}/_output/kcp-${KCP_VERSION}-intree"
BIN="${OUT}/bin/kcp"
BIN_KEY="${BIN}.key"
TREE="${OUT}/src"
TREE_KEY="${TREE}/.intree-key"

is_current() {
  local key="$1"
  [[ -x "${BIN}" && -f "${BIN_KEY}" && -f "${TREE_KEY}" &&
    "$(cat "${BIN_KEY}")" == "${key}" && "$(cat "${TREE_KEY}")" == "${key}" ]]
}

build() {
  local key start="${SECONDS}"
  key="$(intree_key "${REPO}")"
  if is_current "${key}"; then
    echo "in-tree kcp ${KCP_VERSION} is current at ${BIN} (key ${key:0:12})"
    return 0
  fi
  echo "Building in-tree kcp ${KCP_VERSION} (key ${key:0:12}) into ${BIN} ..."
  rm -f "${BIN_KEY}"
  intree_copy_pristine "${REPO}" "${TREE}"
  intree_make_buildable "${REPO}" "${TREE}"
  intree_overlay_api "${REPO}" "${TREE}"
  intree_overlay_controller "${REPO}" "${TREE}"
  intree_apply_wiring "${REPO}" "${TREE}"
  intree_verify_identical "${REPO}" "${TREE}"

  mkdir -p "$(dirname "${BIN}")"
  # Built beside the target, then renamed: an interrupted build leaves no binary behind.
  TMP_DIR="$(mktemp -d "$(dirname "${BIN}")/.build.XXXXXX")"
  trap 'rm -rf "${TMP_DIR}"' EXIT
  (
    intree_go_env
    cd "${TREE}"
    # -trimpath and CGO_ENABLED=0 as in hack/build-kcp.sh, so both share the Go build cache.
    go build -trimpath -buildvcs=false -ldflags="$(intree_ldflags "${REPO}")" -o "${TMP_DIR}/kcp" ./cmd/kcp
  )
  if [[ "$(intree_key "${REPO}")" != "${key}" ]]; then
    echo "error: sources changed during the build; run it again" >&2
    return 1
  fi
  mv -f "${TMP_DIR}/kcp" "${BIN}"
  echo "${key}" >"${TREE_KEY}"
  echo "${key}" >"${BIN_KEY}"
  echo "Built in-tree kcp at ${BIN} in $((SECONDS - start))s"
}

check() {
  if ! is_current "$(intree_key "${REPO}")"; then
    echo "in-tree kcp at ${BIN} is missing or stale: run \`make kcp-intree\` (hack/build-kcp-intree.sh)" >&2
    return 1
  fi
  intree_verify_identical "${REPO}" "${TREE}"
}

run_tests() {
  build
  intree_verify_identical "${REPO}" "${TREE}"
  echo "Running the overlaid packages' tests inside kcp's tree (${TREE}) ..."
  (
    intree_go_env
    cd "${TREE}"
    CGO_ENABLED=1 go test -race -count=1 ./pkg/reconciler/workload/... ./pkg/apis/workload/...
  )
}

# Only the lines the wiring adds to kcp packages are reported; packages given
# as arguments (e.g. ./pkg/reconciler/workload/...) are linted in full.
run_lint() {
  local lint="${GOLANGCI_LINT:?set GOLANGCI_LINT to a golangci-lint v2 binary}"
  [[ "${lint}" == /* ]] || lint="${PWD}/${lint}"
  build
  intree_wiring_diff "${REPO}" >"${OUT}/wiring.diff"
  (
    intree_go_env
    # -trimpath as in the build, so type-checking reuses the build cache.
    export GOFLAGS="${GOFLAGS} -trimpath"
    cd "${TREE}"
    "${lint}" run \
      --new-from-patch="${OUT}/wiring.diff" ./pkg/server/ ./pkg/server/bootstrap/ ./pkg/features/ ./config/root-phase0/
    if [[ $# -gt 0 ]]; then "${lint}" run "$@"; fi
  )
}

case "${1:-build}" in
  build) build ;;
  check) check ;;
  test) run_tests ;;
  lint) run_lint "${@:2}" ;;
  bin-dir) dirname "${BIN}" ;;
  *)
    echo "usage: $0 [build|check|test|lint [PKG...]|bin-dir]" >&2
    exit 2
    ;;
esac
