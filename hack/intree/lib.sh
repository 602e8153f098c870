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

# Reusable steps that turn kcp's released source into a kcp with this
# repository's SyncTarget API and controller in-tree. Source this file. Each
# step takes this repository's root (REPO) and a kcp tree (DEST):
#   intree_copy_pristine       kcp's source from the module cache, unchanged
#   intree_make_buildable      go.mod/go.sum without staging/ (not part of any PR)
#   intree_overlay_api         API, generated sdk and manifests (PR 1)
#   intree_overlay_controller  the controller package (PR 2)
#   intree_apply_wiring        new kcp files + patches of kcp files (PR 3)
#   intree_verify_identical    overlaid files equal this repository's
# intree_wiring_diff REPO and intree_key REPO print the wiring as one diff and
# the content hash of everything the build depends on.

# The overlay, explicitly: only these paths are copied, at the same import
# paths. Never add kcp's own packages here (pkg/logging, pkg/reconciler/committer,
# pkg/reconciler/events, pkg/tombstone): this repository holds stand-ins for
# them, and the in-tree build must use kcp's real ones.
INTREE_API_PATHS=(
  pkg/apis/workload
  sdk/client
  config/crds/workload.kcp.io_synctargets.yaml
  config/root-phase0/apiexport-workload.kcp.io.yaml
  config/root-phase0/apiresourceschema-synctargets.workload.kcp.io.yaml
)
INTREE_CONTROLLER_PATHS=(
  pkg/reconciler/workload
)

intree_pin() { # NAME: a pin of hack/build-kcp.sh, the one place that pins kcp.
  local repo="$1" name="$2" value
  value="$(sed -n "s/^${name}=\"\([^\"]*\)\".*/\1/p" "${repo}/hack/build-kcp.sh")"
  [[ -n "${value}" ]] || { echo "error: ${name} not found in hack/build-kcp.sh" >&2; return 1; }
  echo "${value}"
}

intree_go_env() {
  export CGO_ENABLED=0 GOWORK=off GOFLAGS=-mod=readonly GONOSUMDB=github.com/kcp-dev
}

intree_copy_pristine() {
  local repo="$1" dest="$2" version dir
  version="$(intree_pin "${repo}" KCP_VERSION)"
  # Outside any module (cd /), so that no go.mod or go.sum is touched.
  dir="$(cd / && GOWORK=off GOFLAGS=-mod=mod GONOSUMDB=github.com/kcp-dev \
    go mod download -json "github.com/kcp-dev/kcp@${version}" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  [[ -d "${dir}" ]] || { echo "error: kcp ${version} source not found in the module cache" >&2; return 1; }
  rm -rf "${dest}" && mkdir -p "$(dirname "${dest}")"
  cp -R "${dir}" "${dest}" && chmod -R u+w "${dest}"
}

# The proxy's zip has no staging/: require the published staging modules and
# pin code-generator to the one pseudo-version the proxy serves.
intree_make_buildable() {
  local repo="$1" dest="$2"
  (
    cd "${dest}"
    go mod edit \
      -dropreplace=github.com/kcp-dev/apimachinery/v2 -dropreplace=github.com/kcp-dev/client-go \
      -dropreplace=github.com/kcp-dev/code-generator/v3 -dropreplace=github.com/kcp-dev/sdk \
      -require=github.com/kcp-dev/sdk@v0.30.0 -require=github.com/kcp-dev/apimachinery/v2@v2.30.1 \
      -require=github.com/kcp-dev/client-go@v0.30.1 -require=github.com/kcp-dev/code-generator/v3@v3.30.1 \
      -replace=github.com/kcp-dev/code-generator/v3=github.com/kcp-dev/code-generator/v3@v3.0.0-20251209155025-81577465fde1
    LC_ALL=C sort -u -o go.sum go.sum "${repo}/hack/intree/go.sum"
  )
}

intree_overlay() { # REPO DEST PATH...: copy each path to the same place in DEST.
  local repo="$1" dest="$2" path
  shift 2
  for path in "$@"; do
    if [[ -e "${dest}/${path}" ]]; then
      echo "error: ${path} exists in kcp already; the overlay only adds, it never replaces kcp code" >&2
      return 1
    fi
    mkdir -p "$(dirname "${dest}/${path}")"
    cp -R "${repo}/${path}" "${dest}/${path}"
  done
}
intree_overlay_api() { intree_overlay "$1" "$2" "${INTREE_API_PATHS[@]}"; }
intree_overlay_controller() { intree_overlay "$1" "$2" "${INTREE_CONTROLLER_PATHS[@]}"; }

# New kcp files live under hack/intree/_kcp/ at their kcp paths (the leading
# underscore keeps them out of this module); patches change existing kcp files.
intree_apply_wiring() {
  local repo="$1" dest="$2" patch files
  mapfile -t files < <(cd "${repo}/hack/intree/_kcp" && find . -type f | LC_ALL=C sort)
  intree_overlay "${repo}/hack/intree/_kcp" "${dest}" "${files[@]#./}"
  for patch in "${repo}"/hack/intree/patches/*.patch; do
    # The ceiling keeps git from treating an enclosing repository as the target.
    (cd "${dest}" && GIT_CEILING_DIRECTORIES="$(dirname "${dest}")" git apply --whitespace=error-all "${patch}") ||
      { echo "error: ${patch} does not apply to kcp" >&2; return 1; }
  done
}

# Prints the wiring as one unified diff against pristine kcp (patches plus the
# new files), e.g. for golangci-lint --new-from-patch.
intree_wiring_diff() {
  local repo="$1" f
  cat "${repo}"/hack/intree/patches/*.patch
  while read -r f; do
    (cd "${repo}/hack/intree/_kcp" && git diff --no-index -- /dev/null "${f#./}") || true
  done < <(cd "${repo}/hack/intree/_kcp" && find . -type f | LC_ALL=C sort)
}

# Fails unless every overlaid path in DEST is byte-identical to REPO's: the
# controller package runs unchanged in both deployments.
intree_verify_identical() {
  local repo="$1" dest="$2" path
  for path in "${INTREE_API_PATHS[@]}" "${INTREE_CONTROLLER_PATHS[@]}"; do
    diff -r "${repo}/${path}" "${dest}/${path}" >/dev/null ||
      { echo "error: ${path} differs between this repository and the kcp tree ${dest}" >&2; return 1; }
  done
}

# Hash of every overlaid file, the wiring and the build scripts (names and contents).
intree_key() {
  (cd "$1" && find "${INTREE_API_PATHS[@]}" "${INTREE_CONTROLLER_PATHS[@]}" hack/intree \
    hack/build-kcp-intree.sh hack/build-kcp.sh -type f ! -name '*.md' -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

# The version stamp of hack/build-kcp.sh, marked dirty: this is v0.30.0 plus changes.
intree_ldflags() {
  local repo="$1" kube major minor pkg out=()
  kube="$(intree_pin "${repo}" KUBE_VERSION)"
  major="${kube#v}" && major="${major%%.*}"
  minor="${kube#v*.}" && minor="${minor%%.*}"
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    out+=("-X ${pkg}.gitVersion=${kube}+kcp-$(intree_pin "${repo}" KCP_VERSION)"
      "-X ${pkg}.gitMajor=${major}" "-X ${pkg}.gitMinor=${minor}"
      "-X ${pkg}.gitCommit=$(intree_pin "${repo}" KCP_GIT_COMMIT)" "-X ${pkg}.gitTreeState=dirty"
      "-X ${pkg}.buildDate=$(intree_pin "${repo}" KCP_BUILD_DATE)")
  done
  echo "${out[*]}"
}
