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

# Builds the in-tree kcp: kcp main at the pin of hack/intree/lib.sh with the
# patch series of `make kcp-pr` applied by `git am`, so what runs is what is
# proposed. Binaries (kcp and, for two shards, sharded-test-server,
# cache-server, kcp-front-proxy) land in _output/kcp-main-intree/bin, keyed by
# the pin plus a hash of the series' inputs; a different key rebuilds.
#
# Usage: hack/build-kcp-intree.sh [build|check|test|bin-dir]
#   build    (default) rebuild unless the binaries match the current sources
#   check    exit 1 unless they do; builds nothing
#   test     build, then `go test -race ./pkg/reconciler/workload/...` in that
#            tree, with this repository's further tests of the package added
#   bin-dir  print the directory of the binaries

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=hack/intree/lib.sh
source "${REPO}/hack/intree/lib.sh"
# shellcheck source=hack/intree/series.sh
source "${REPO}/hack/intree/series.sh"

OUT="${REPO}/_output/kcp-main-intree"
BIN_DIR="${OUT}/bin"
TREE="${OUT}/src"
PR="${REPO}/_output/kcp-pr"
COMMANDS=(kcp sharded-test-server cache-server kcp-front-proxy)

key() {
  { series_key && (cd "${REPO}" && sha256sum hack/build-kcp-intree.sh) && go env GOVERSION; } | sha256sum | cut -d' ' -f1
}

# tree KEY: kcp main with the series applied in TREE, unless OUT/src.key says it is there.
tree() {
  [[ -d "${TREE}" && -f "${OUT}/src.key" && "$(cat "${OUT}/src.key")" == "$1" ]] && return 0
  rm -f "${OUT}/src.key"
  series_write "${PR}"
  intree_pristine "${TREE}"
  kgit "${TREE}" am -q "${PR}"/000*.patch
  echo "$1" >"${OUT}/src.key"
}

is_current() {
  local c
  for c in "${COMMANDS[@]}"; do [[ -x "${BIN_DIR}/${c}" ]] || return 1; done
  [[ -f "${BIN_DIR}/.key" && "$(cat "${BIN_DIR}/.key")" == "$1" ]]
}

build() {
  local k start="${SECONDS}"
  k="$(key)"
  if is_current "${k}"; then
    echo "in-tree kcp main is current in ${BIN_DIR} (key ${k:0:12})"
    return 0
  fi
  rm -f "${BIN_DIR}/.key"
  if cache_restore "kcp-main-intree-${k:0:16}" "${BIN_DIR}" "${COMMANDS[@]}"; then
    echo "${k}" >"${BIN_DIR}/.key"
    return 0
  fi
  echo "Building in-tree kcp main ${KCP_MAIN_COMMIT:0:12} + series (key ${k:0:12}) into ${BIN_DIR} ..."
  tree "${k}"
  mkdir -p "${BIN_DIR}"
  # Built beside the targets, then renamed: an interrupted build leaves none behind.
  TMP_DIR="$(mktemp -d "${BIN_DIR}/.build.XXXXXX")"
  trap 'rm -rf "${TMP_DIR}"' EXIT
  (
    intree_go_env
    cd "${TREE}"
    # -trimpath, so that every kcp main tree shares the build cache.
    go build -trimpath -o "${TMP_DIR}/" "${COMMANDS[@]/#/./cmd/}"
  )
  [[ "$(key)" == "${k}" ]] || { echo "error: sources changed during the build; run it again" >&2; return 1; }
  cache_store "kcp-main-intree-${k:0:16}" "${TMP_DIR}" "${COMMANDS[@]}"
  mv -f "${TMP_DIR}"/* "${BIN_DIR}/"
  echo "${k}" >"${BIN_DIR}/.key"
  echo "Built in-tree kcp main in $((SECONDS - start))s"
}

check() {
  is_current "$(key)" && return 0
  echo "in-tree kcp in ${BIN_DIR} is missing or stale: run \`make kcp-intree\` (hack/build-kcp-intree.sh)" >&2
  return 1
}

# The series' tests, plus this repository's other tests of the controller
# package, against kcp main's real committer, logging, events and tombstone.
run_tests() {
  local dst="${TREE}/pkg/reconciler/workload/synctarget" f
  build
  tree "$(key)" # Restored binaries come without their source tree.
  for f in "${REPO}"/pkg/reconciler/workload/synctarget/*_test.go; do
    [[ -e "${dst}/$(basename "${f}")" ]] || { cp "${f}" "${dst}/" && series_rewrite "${dst}/$(basename "${f}")"; }
  done
  (
    intree_go_env
    cd "${TREE}"
    CGO_ENABLED=1 go test -trimpath -race -count=1 ./pkg/reconciler/workload/...
  ) || { kgit "${TREE}" clean -fdq -- pkg/reconciler; return 1; }
  kgit "${TREE}" clean -fdq -- pkg/reconciler
}

case "${1:-build}" in
  build) build ;;
  check) check ;;
  test) run_tests ;;
  bin-dir) echo "${BIN_DIR}" ;;
  *) echo "usage: $0 [build|check|test|bin-dir]" >&2 && exit 2 ;;
esac
