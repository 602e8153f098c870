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

# The change as the patch series a kcp reviewer gets, against kcp main at the
# pin of hack/intree/lib.sh, in _output/kcp-pr/: 0001 the API (kcp's codegen
# run), 0002 the controller, 0003 the wiring; then Phase 2 (heartbeats):
# 0004 the API, 0005 and 0006 the controller, 0007 the wiring, 0008 the compactor its
# informers cache through. Each patch is `git am`-ed in order onto a
# pristine kcp main and built, vetted, unit-tested (-race) and linted (kcp's
# golangci config, on the lines it adds); after each API patch, kcp's
# verify-codegen runs. Last, the size of each patch against the plan's bounds.
# As go test caches results, a patch whose inputs (it, the patches before it,
# these scripts, the pin, the toolchain) passed on this machine before is
# applied but not checked again: KCP_PR_FRESH=1 checks every patch anyway.
#
# Usage: hack/kcp-pr.sh [write|verify|all]   (default all; write only writes)

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=hack/intree/lib.sh
source "${REPO}/hack/intree/lib.sh"
# shellcheck source=hack/intree/series.sh
source "${REPO}/hack/intree/series.sh"

OUT="${REPO}/_output/kcp-pr"
SDK="${SDK_DIR}"
# Per patch: "module dir|packages to build|to vet and lint|to test".
API="${SDK}|./apis/workload/... ./client/...|./apis/workload/...|./apis/..."
CONTROLLER=".|./pkg/reconciler/workload/...|./pkg/reconciler/workload/...|./pkg/reconciler/workload/..."
CMDS="./cmd/kcp ./cmd/sharded-test-server ./cmd/cache-server ./cmd/kcp-front-proxy"
CHECKS=(
  "${API}" "${CONTROLLER}" ".|${CMDS}|./pkg/features/ ./pkg/server/ ./pkg/server/bootstrap/ ./config/shard/|./pkg/features/... ./config/shard/..."
  "${API}" "${CONTROLLER}" "${CONTROLLER}" ".|${CMDS}|./pkg/features/ ./pkg/server/|./pkg/features/..."
  ".|${CMDS} ./pkg/reconciler/workload/...|./pkg/server/ ./pkg/reconciler/workload/...|./pkg/reconciler/workload/..."
)
# Bounds per patch, in added lines that are not generated: non-test, test,
# all. Phase 2 (0004-0008) has Phase 1's, its controller in two patches, and a controller's for 0008.
BOUNDS=("200 0 200" "250 250 500" "100 100 100" "200 0 200" "250 250 500" "250 250 500" "100 100 100" "250 250 500")
# After these patches (the API ones) kcp's verify-codegen must pass.
CODEGEN_PATCHES=" 0 3 "
GENERATED='((^|/)sdk/client/|zz_generated|/openapi/|^config/crds/|^config/root-phase0/(apiresourceschema|apiexport)-)'

check_patch() { # TREE INDEX
  local tree="$1" dir build vet tests
  IFS='|' read -r dir build vet tests <<<"${CHECKS[$2]}"
  (
    intree_go_env
    export GOFLAGS="${GOFLAGS} -trimpath"
    cd "${tree}/${dir}"
    # shellcheck disable=SC2086 # the package lists split on purpose
    go build ${build}
    # shellcheck disable=SC2086
    go vet ${vet}
    # shellcheck disable=SC2086
    CGO_ENABLED=1 go test -race -count=1 ${tests}
    # shellcheck disable=SC2086
    "${tree}/hack/tools/golangci-lint-${GOLANGCI_LINT_KCP_VERSION}" run -c "${tree}/.golangci.yaml" \
      --timeout 20m --new-from-rev=HEAD~1 ${vet}
  )
}

# verdict_key I: what patch I's checks depend on: it and the patches before
# it, the checks, the scripts, the pin and the toolchain.
verdict_key() {
  { cat "${patches[@]:0:$1+1}" "${REPO}/hack/kcp-pr.sh" "${REPO}/hack/intree/lib.sh"
    echo "${CHECKS[$1]} ${CODEGEN_PATCHES} ${KCP_MAIN_COMMIT} ${GOLANGCI_LINT_KCP_VERSION}"; go env GOVERSION
  } | sha256sum | cut -c1-32
}

verify() {
  local tree="${OUT}/verify" i t verdict verdicts
  verdicts="$(tmc_cache_dir)/kcp-pr-verdicts"
  mapfile -t patches < <(find "${OUT}" -maxdepth 1 -name '000*.patch' | LC_ALL=C sort)
  [[ ${#patches[@]} -eq ${#SERIES_STEPS[@]} ]] ||
    { echo "error: want ${#SERIES_STEPS[@]} patches in ${OUT}, got ${#patches[@]}" >&2; return 1; }
  intree_pristine "${tree}"
  intree_place_tools "${tree}"
  for i in "${!patches[@]}"; do
    kgit "${tree}" am -q "${patches[i]}"
    verdict="${verdicts}/$(verdict_key "${i}")"
    # Like go test's cache: byte-identical inputs passed these checks before.
    if [[ -f "${verdict}" && -z "${KCP_PR_FRESH:-}" ]]; then
      echo "=== $(basename "${patches[i]}"): git am; build, vet, test, lint passed for these inputs $(cat "${verdict}") (KCP_PR_FRESH=1 re-runs them)"
      continue
    fi
    echo "=== $(basename "${patches[i]}"): git am, build, vet, test -race, lint"
    t="${SECONDS}"
    check_patch "${tree}" "${i}"
    if [[ "${CODEGEN_PATCHES}" == *" ${i} "* ]]; then
      echo "=== kcp's verify-codegen after $(basename "${patches[i]}")"
      (intree_go_env && cd "${tree}" && PULL_BASE_REF=HEAD make verify-codegen >"${OUT}/verify-codegen.log" 2>&1) ||
        { tail -n 40 "${OUT}/verify-codegen.log" >&2; echo "error: kcp's verify-codegen fails" >&2; return 1; }
      [[ -z "$(kgit "${tree}" status --porcelain)" ]] || { kgit "${tree}" status --short >&2; return 1; }
    fi
    echo "=== $(basename "${patches[i]}") passed in $((SECONDS - t))s"
    mkdir -p "${verdicts}" && date -u +"on %Y-%m-%dT%H:%M:%SZ ($((SECONDS - t))s)" >"${verdict}"
  done
}

# Prints each patch's added lines (generated apart) and fails past a bound.
sizes() {
  local patch i=0 fail=0 code tests gen max_code max_tests max_all
  printf '%-60s %8s %6s %10s   %s\n' patch non-test test generated "bounds (non-test, test, all)"
  for patch in "${OUT}"/000*.patch; do
    read -r code tests gen < <(git apply --numstat "${patch}" | awk -v g="${GENERATED}" '
      $3 ~ g { gen += $1; next } $3 ~ /_test\.go$/ { t += $1; next } { c += $1 }
      END { printf "%d %d %d\n", c, t, gen }')
    read -r max_code max_tests max_all <<<"${BOUNDS[i]}"
    printf '%-60s %8d %6d %10d   %s, %s, %s\n' "$(basename "${patch}")" "${code}" "${tests}" "${gen}" \
      "${max_code}" "${max_tests}" "${max_all}"
    if ((code > max_code || tests > max_tests || code + tests > max_all)); then
      echo "error: $(basename "${patch}") exceeds its bounds" >&2
      fail=1
    fi
    i=$((i + 1))
  done
  return "${fail}"
}

start="${SECONDS}"
# One statement per step: errexit does not reach into the left side of a `&&`.
case "${1:-all}" in
  write | verify | all) ;;
  *) echo "usage: $0 [write|verify|all]" >&2 && exit 2 ;;
esac
[[ "${1:-all}" == verify ]] || series_write "${OUT}"
if [[ "${1:-all}" != write ]]; then
  verify
  sizes
fi
echo "kcp-pr: ${OUT} against kcp ${KCP_MAIN_COMMIT:0:12} ($((SECONDS - start))s)"
