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

# The patch series for kcp main, written from this repository: each step
# changes a kcp tree the way a kcp developer would, with kcp's own codegen.
# Source after lib.sh. series_write OUT writes OUT/000N-*.patch and OUT/series.key.

SDK_DIR="staging/src/github.com/kcp-dev/sdk"
# The controller package's files that the series carries. The package's other
# tests (workers on a fake clientset, allocations, benchmarks) stay in this
# repository: they exceed the size the plan gives a PR.
SERIES_CONTROLLER_FILES=(
  synctarget_controller.go synctarget_reconcile.go
  synctarget_controller_test.go synctarget_reconcile_test.go
)
# Phase 2's controller files, in two patches (its other tests stay here, as
# for Phase 1): the conditions, then the Leases that feed them.
SERIES_HB_CONDITION_FILES=(synctarget_heartbeat_reconcile.go synctarget_heartbeat_reconcile_test.go)
SERIES_HB_LEASE_FILES=(
  synctarget_heartbeat.go synctarget_heartbeat_blind.go synctarget_heartbeat_test.go synctarget_heartbeat_blind_test.go
)
# Last, the compactor both informers cache through, and its use.
SERIES_HB_CACHE_FILES=(
  synctarget_cache.go synctarget_cache_lease.go synctarget_cache_test.go synctarget_cache_lease_test.go
)
SERIES_STEPS=(api controller wiring heartbeat_api heartbeat_conditions heartbeat_leases heartbeat_wiring heartbeat_cache)
# Phase 1 is fixed: patches 0001-0003 are written from this repository as of
# this commit, so that later phases change the package without changing them.
SERIES_PHASE1_REV=b192fd10808139b5623057268ca83604ce79468c
SERIES_PHASE1_PATHS=(pkg/apis/workload pkg/reconciler/workload/synctarget hack/intree/wiring hack/kcp-pr)

# The steps read their inputs from SRC: a checkout of SERIES_PHASE1_REV for
# Phase 1, this repository for later steps.
SRC="${REPO}"

# shellcheck source=hack/intree/series_steps.sh
source "${REPO}/hack/intree/series_steps.sh"

# Hash of everything the series is made of: the pin, the inputs, the scripts.
series_key() {
  (cd "${REPO}" && {
    echo "${KCP_MAIN_COMMIT} ${KCP_MAIN_SHA256} ${SERIES_PHASE1_REV}"
    git config user.name || true
    find pkg/apis/workload hack/intree hack/kcp-pr -type f ! -name '*.md' ! -name 'zz_generated.*' ! -name '*_test.go'
    printf 'pkg/reconciler/workload/synctarget/%s\n' "${SERIES_CONTROLLER_FILES[@]}" \
      "${SERIES_HB_CONDITION_FILES[@]}" "${SERIES_HB_LEASE_FILES[@]}" "${SERIES_HB_CACHE_FILES[@]}"
  } | LC_ALL=C sort | while read -r f; do [[ -f "${f}" ]] && sha256sum "${f}" || echo "${f}"; done |
    sha256sum | cut -d' ' -f1)
}

# series_write OUT: the series in OUT unless OUT/series.key says it is current.
# Written series are also kept by key outside the checkout ($KCP_TMC_CACHE), so
# a fresh clone (as CI makes) runs kcp's codegen only when the inputs changed.
series_write() {
  local out="$1" key tree i cache rev
  key="$(series_key)"
  cache="$(tmc_cache_dir)/series-${key}"
  if [[ -f "${out}/series.key" && "$(cat "${out}/series.key")" == "${key}" ]]; then
    echo "series in ${out} is current (key ${key:0:12})"
    return 0
  fi
  rm -rf "${out}" && mkdir -p "${out}"
  if [[ -f "${cache}/series.key" ]]; then
    cp "${cache}"/000*.patch "${cache}/series.key" "${out}/"
    echo "series (key ${key:0:12}) taken from ${cache}"
    return 0
  fi
  tree="${out}/series"
  intree_pristine "${tree}"
  mkdir -p "${out}/phase1"
  git -C "${REPO}" archive "${SERIES_PHASE1_REV}" "${SERIES_PHASE1_PATHS[@]}" | tar -x -C "${out}/phase1"
  for i in "${!SERIES_STEPS[@]}"; do
    SRC="${REPO}" rev=HEAD
    ((i >= 3)) || SRC="${out}/phase1" rev="${SERIES_PHASE1_REV}"
    echo "series: 000$((i + 1)) ${SERIES_STEPS[i]}"
    "series_${SERIES_STEPS[i]}" "${tree}"
    kgit "${tree}" add -A
    series_signed_commit "${tree}" "${SRC}/hack/kcp-pr/000$((i + 1))-${SERIES_STEPS[i]}.txt" "${rev}"
  done
  SRC="${REPO}"
  kgit "${tree}" format-patch -q --zero-commit -o "${out}" "HEAD~${#SERIES_STEPS[@]}"
  echo "${key}" >"${out}/series.key"
  mkdir -p "${cache}.tmp" && cp "${out}"/000*.patch "${out}/series.key" "${cache}.tmp/" && rm -rf "${cache}" &&
    mv "${cache}.tmp" "${cache}"
}

# The submitter signs off (DCO): git's configured identity, else the author of
# this repository's last commit; the date is that of commit $3, so it is reproducible.
series_signed_commit() {
  local name email date
  name="$(git -C "${REPO}" config user.name || git -C "${REPO}" log -1 --format=%an)"
  email="$(git -C "${REPO}" config user.email || git -C "${REPO}" log -1 --format=%ae)"
  date="$(git -C "${REPO}" log -1 --format=%cI "$3")"
  GIT_AUTHOR_NAME="${name}" GIT_AUTHOR_EMAIL="${email}" GIT_COMMITTER_NAME="${name}" \
    GIT_COMMITTER_EMAIL="${email}" GIT_AUTHOR_DATE="${date}" GIT_COMMITTER_DATE="${date}" \
    kgit "$1" commit -q -s -F "$2"
}
