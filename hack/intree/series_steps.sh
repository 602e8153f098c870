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

# The steps of the patch series (hack/intree/series.sh): series_<step> TREE
# changes the kcp tree TREE as that patch does, reading its inputs from SRC.

# Import paths of this repository's API and sdk, as kcp main's sdk module has them.
series_rewrite() {
  sed -i -e 's#"github.com/kcp-dev/kcp/pkg/apis/workload#"github.com/kcp-dev/sdk/apis/workload#' \
    -e 's#"github.com/kcp-dev/kcp/sdk/client/#"github.com/kcp-dev/sdk/client/#' "$@"
}

# 0001: the hand-written API files in kcp's sdk, the group in kcp's client
# codegen, then `make codegen`. apigen names a new schema after today's date
# and HEAD, so the last generated schema and export (hack/kcp-pr/root-phase0/)
# seed it: an unchanged CRD keeps that name, a changed one must be re-seeded.
series_api() {
  local tree="$1" dst="$1/${SDK_DIR}/apis/workload" f n
  [[ ! -e "${dst}" ]] || { echo "error: ${dst} exists in kcp already" >&2; return 1; }
  series_copy_api "${dst}"
  sed -i 's#^\(  \(--input \)\{0,1\}\)github.com/kcp-dev/sdk/apis/migration/v1alpha1 \\$#&\n\1github.com/kcp-dev/sdk/apis/workload/v1alpha1 \\#' \
    "${tree}/hack/update-codegen-clients.sh"
  n="$(grep -c 'github.com/kcp-dev/sdk/apis/workload/v1alpha1' "${tree}/hack/update-codegen-clients.sh")"
  [[ "${n}" == 4 ]] || { echo "error: want the group in 4 lists of update-codegen-clients.sh, got ${n}" >&2; return 1; }
  series_codegen "${tree}" "${SRC}/hack/kcp-pr/root-phase0"
}

# 0004: Phase 2's API (reasons, the Lease's names, a printer column) over
# 0001's, and kcp's codegen again: a changed CRD is a new schema, seeded too.
series_heartbeat_api() {
  series_copy_api "$1/${SDK_DIR}/apis/workload"
  series_codegen "$1" "${SRC}/hack/kcp-pr/heartbeat-root-phase0"
}

# series_copy_api DST: the hand-written API files, import paths rewritten.
series_copy_api() {
  local dst="$1" f
  while read -r f; do
    mkdir -p "$(dirname "${dst}/${f}")" && cp "${SRC}/pkg/apis/workload/${f}" "${dst}/${f}"
  done < <(cd "${SRC}/pkg/apis/workload" && find . -name '*.go' ! -name 'zz_generated.*' ! -name '*_test.go' | LC_ALL=C sort)
  # shellcheck disable=SC2046 # file names without spaces
  series_rewrite $(find "${dst}" -name '*.go')
}

# series_codegen TREE SEEDS: kcp's make codegen, the schema named by SEEDS.
series_codegen() {
  local tree="$1" f seeds
  seeds=("$2"/*.yaml)
  [[ -f "${seeds[0]}" ]] || { echo "error: no seed in ${2#"${SRC}/"}/" >&2; seeds=(); }
  cp "${seeds[@]}" "${tree}/config/root-phase0/" 2>/dev/null || true
  intree_place_tools "${tree}"
  (intree_go_env && cd "${tree}" && make codegen >"${tree}/../codegen.log" 2>&1) ||
    { tail -n 40 "${tree}/../codegen.log" >&2; echo "error: kcp's make codegen failed" >&2; return 1; }
  [[ ${#seeds[@]} -gt 0 ]] || return 1
  for f in "${seeds[@]}"; do
    if ! cmp -s "${f}" "${tree}/config/root-phase0/$(basename "${f}")"; then
      echo "error: apigen changed $(basename "${f}"): the CRD changed; copy the new schema and export" >&2
      echo "  from ${tree}/config/root-phase0/ into ${2#"${SRC}/"}/ (new name) and rerun" >&2
      return 1
    fi
  done
}

# 0002: the controller package, import paths rewritten, imports ordered by kcp's gci.
series_controller() {
  local tree="$1" dst="$1/pkg/reconciler/workload/synctarget" f
  [[ ! -e "${dst}" ]] || { echo "error: ${dst} exists in kcp already" >&2; return 1; }
  mkdir -p "${dst}"
  for f in "${SERIES_CONTROLLER_FILES[@]}"; do cp "${SRC}/pkg/reconciler/workload/synctarget/${f}" "${dst}/"; done
  series_rewrite "${dst}"/*.go
  (intree_go_env && cd "${tree}" && make imports WHAT=./pkg/reconciler/workload/... >/dev/null)
}

# 0005: Phase 2's conditions, with Phase 1's files as they are now; 0006 the
# Leases that feed them.
series_heartbeat_conditions() {
  series_copy_controller "$1" "${SERIES_CONTROLLER_FILES[@]}" "${SERIES_HB_CONDITION_FILES[@]}"
}
series_heartbeat_leases() { series_copy_controller "$1" "${SERIES_HB_LEASE_FILES[@]}"; }

series_copy_controller() {
  local dst="$1/pkg/reconciler/workload/synctarget" f
  for f in "${@:2}"; do cp "${SRC}/pkg/reconciler/workload/synctarget/${f}" "${dst}/"; done
  series_rewrite "${dst}"/*.go
  (intree_go_env && cd "$1" && make imports WHAT=./pkg/reconciler/workload/... >/dev/null)
}

# 0003 and 0007: the wiring, as patches of kcp files (new files included);
# 0008 the compactor's files, and its use in the wiring.
series_wiring() { series_apply "$1" wiring; }
series_heartbeat_wiring() { series_apply "$1" heartbeat; }
series_heartbeat_cache() { series_copy_controller "$1" "${SERIES_HB_CACHE_FILES[@]}" && series_apply "$1" cache; }

series_apply() {
  local tree="$1" patch
  for patch in "${SRC}/hack/intree/$2"/*.patch; do
    kgit "${tree}" apply --whitespace=error-all "${patch}" ||
      { echo "error: ${patch} does not apply to kcp ${KCP_MAIN_COMMIT:0:12}" >&2; return 1; }
  done
}

