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

# kcp main, pinned, and the tools its own codegen and lint need. Source this
# file with REPO set to this repository's root. series.sh builds on it.

# The one pin for kcp main. The tarball is `git archive --prefix=kcp/` of it.
KCP_MAIN_COMMIT="dac74f5955f1d4c703e87dd5cfecbc9a0a514643"
KCP_MAIN_SHA256="14c44c82cbb1f31c026add7e0786eab30bc8f920757ab7375beca9cf4df4e447"
KCP_MAIN_DATE="2026-08-07T12:00:00Z"
KCP_MAIN_URL="https://github.com/kcp-dev/kcp.git"
# Tools kcp's Makefile would download as release binaries, built from modules.
CONTROLLER_GEN_VERSION="v0.17.3"
GOLANGCI_LINT_KCP_VERSION="2.12.2"
YAML_PATCH_VERSION="v0.0.11"
# shellcheck source=hack/cache.sh
source "${REPO}/hack/cache.sh"
# Kept outside the checkout, so that a fresh clone does not link them again.
TOOLS_DIR="$(tmc_cache_dir)/kcp-main-tools-$(go env GOVERSION)"

intree_go_env() {
  # GOFLAGS replaces the machine's preset, so -buildvcs=false is repeated here.
  export CGO_ENABLED=0 GOWORK=off GOFLAGS="-mod=readonly -buildvcs=false" GONOSUMDB=github.com/kcp-dev
  # CI=true means kcp's own CI to kcp's Makefile: it would pin the exact Go patch
  # release (verify-go-versions) and change the global git config.
  export CI=false
}

# kgit DIR ARGS...: git in a kcp tree, never in an enclosing repository, with a
# fixed identity and dates so that every commit (and apigen's schema names,
# which take the short HEAD) is the same on every machine.
kgit() {
  GIT_CEILING_DIRECTORIES="$(dirname "$1")" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 \
    GIT_AUTHOR_NAME="${GIT_AUTHOR_NAME:-kcp main}" GIT_AUTHOR_EMAIL="${GIT_AUTHOR_EMAIL:-kcp@localhost}" \
    GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-kcp main}" GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-kcp@localhost}" \
    GIT_AUTHOR_DATE="${GIT_AUTHOR_DATE:-${KCP_MAIN_DATE}}" GIT_COMMITTER_DATE="${GIT_COMMITTER_DATE:-${KCP_MAIN_DATE}}" \
    git -C "$1" -c commit.gpgsign=false -c core.autocrlf=false -c init.defaultBranch=main "${@:2}"
}

# The source: $KCP_SOURCE (a tarball), else the one beside this checkout, else a clone.
intree_tarball() {
  if [[ -n "${KCP_SOURCE:-}" ]]; then
    echo "${KCP_SOURCE}"
  elif [[ -f "${REPO}/../shared/kcp/kcp-${KCP_MAIN_COMMIT:0:12}.tar.gz" ]]; then
    echo "${REPO}/../shared/kcp/kcp-${KCP_MAIN_COMMIT:0:12}.tar.gz"
  fi
}

# intree_pristine DEST: kcp main at the pin in DEST, as one commit on branch main.
intree_pristine() {
  local dest="$1" tarball sum clone
  rm -rf "${dest}" && mkdir -p "${dest}"
  tarball="$(intree_tarball)"
  if [[ -n "${tarball}" ]]; then
    sum="$(sha256sum "${tarball}" | cut -d' ' -f1)"
    if [[ "${sum}" != "${KCP_MAIN_SHA256}" ]]; then
      echo "error: ${tarball} has sha256 ${sum}, want ${KCP_MAIN_SHA256} (kcp ${KCP_MAIN_COMMIT:0:12})" >&2
      return 1
    fi
    tar -xzf "${tarball}" -C "${dest}" --strip-components=1 || return 1
  else
    clone="$(mktemp -d)"
    git clone -q --no-checkout --filter=blob:none "${KCP_MAIN_URL}" "${clone}" ||
      { echo "error: no KCP_SOURCE, no ../shared/kcp/ tarball, and cloning ${KCP_MAIN_URL} failed" >&2; return 1; }
    # git archive gives exactly the tree the tarball holds.
    git -C "${clone}" archive -o "${clone}.tar" "${KCP_MAIN_COMMIT}" || return 1
    tar -xf "${clone}.tar" -C "${dest}" && rm -rf "${clone}" "${clone}.tar"
  fi
  kgit "${dest}" init -q && kgit "${dest}" add -A -f && kgit "${dest}" commit -q -m "kcp ${KCP_MAIN_COMMIT:0:12}"
}

# intree_tools: controller-gen, golangci-lint and yaml-patch at kcp's pins.
intree_tools() {
  local cg="${TOOLS_DIR}/controller-gen-${CONTROLLER_GEN_VERSION}"
  local gl="${TOOLS_DIR}/golangci-lint-${GOLANGCI_LINT_KCP_VERSION}"
  local yp="${TOOLS_DIR}/yaml-patch-${YAML_PATCH_VERSION}"
  mkdir -p "${TOOLS_DIR}"
  if [[ ! -x "${cg}" ]]; then
    GOBIN="${TOOLS_DIR}/.cg" GOFLAGS=-buildvcs=false GOWORK=off \
      go install "sigs.k8s.io/controller-tools/cmd/controller-gen@${CONTROLLER_GEN_VERSION}"
    mv "${TOOLS_DIR}/.cg/controller-gen" "${cg}"
  fi
  if [[ ! -x "${gl}" ]]; then
    GOBIN="${TOOLS_DIR}/.gl" GOFLAGS=-buildvcs=false GOWORK=off \
      go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v${GOLANGCI_LINT_KCP_VERSION}"
    mv "${TOOLS_DIR}/.gl/golangci-lint" "${gl}"
  fi
  if [[ ! -x "${yp}" ]]; then
    # yaml-patch v0.0.11 needs its v0.0.10 library, pinned in a module of its own.
    (cd "${REPO}/hack/intree/yaml-patch" && GOFLAGS="-mod=readonly -buildvcs=false" GOWORK=off \
      go build -o "${yp}" github.com/pivotal-cf/yaml-patch/cmd/yaml-patch)
  fi
}

# intree_place_tools TREE: the tools where kcp's Makefile looks (git-ignored there).
intree_place_tools() {
  intree_tools
  mkdir -p "$1/hack/tools"
  cp -f "${TOOLS_DIR}/controller-gen-${CONTROLLER_GEN_VERSION}" "${TOOLS_DIR}/yaml-patch-${YAML_PATCH_VERSION}" \
    "${TOOLS_DIR}/golangci-lint-${GOLANGCI_LINT_KCP_VERSION}" "$1/hack/tools/"
}
