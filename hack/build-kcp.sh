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

# Builds real kcp binaries from the pinned module in hack/kcp-server (go.mod +
# complete go.sum): the commands named as arguments (default: kcp), out of kcp,
# cache-server, kcp-front-proxy and sharded-test-server (the last three run a
# sharded kcp). Each is built only when missing. They land in KCP_BIN_DIR
# (default _output/kcp-<version>/bin); KCP_BIN overrides the kcp binary's path.

set -euo pipefail

KCP_VERSION="v0.30.0"
# Values stamped into the binary, matching kcp's own Makefile for this release.
KCP_GIT_COMMIT="b36d1ba"                 # refs/tags/v0.30.0 -> b36d1ba3e5219c0531b8817f7fee8ddba7f3de2c
KCP_BUILD_DATE="2026-02-02T11:23:36Z"    # tag time (fixed, so the build is reproducible)
KUBE_VERSION="v1.34.2"                   # k8s.io/kubernetes required by kcp ${KCP_VERSION}

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE_DIR="${REPO_ROOT}/hack/kcp-server"
KCP_BIN_DIR="${KCP_BIN_DIR:-${REPO_ROOT}/_output/kcp-${KCP_VERSION}/bin}"
KCP_BIN="${KCP_BIN:-${KCP_BIN_DIR}/kcp}"

# target prints where the command named $1 is installed.
target() {
  if [[ "$1" == kcp ]]; then echo "${KCP_BIN}"; else echo "${KCP_BIN_DIR}/$1"; fi
}

# shellcheck source=hack/cache.sh
source "${REPO_ROOT}/hack/cache.sh"
# What the binaries are built from: this script, the pinned module, the toolchain.
CACHE_NAME="kcp-${KCP_VERSION}-$(cd "${REPO_ROOT}" && { cat hack/build-kcp.sh hack/kcp-server/go.mod \
  hack/kcp-server/go.sum; go env GOVERSION; } | sha256sum | cut -c1-16)"

missing=()
for cmd in "${@:-kcp}"; do
  case "${cmd}" in
    kcp|cache-server|kcp-front-proxy|sharded-test-server) ;;
    *) echo "error: unknown command ${cmd}" >&2; exit 1 ;;
  esac
  if [[ -x "$(target "${cmd}")" ]]; then
    echo "${cmd} ${KCP_VERSION} already built at $(target "${cmd}")"
  elif [[ "$(basename "$(target "${cmd}")")" == "${cmd}" ]] &&
    cache_restore "${CACHE_NAME}" "$(dirname "$(target "${cmd}")")" "${cmd}"; then
    :
  else
    missing+=("${cmd}")
  fi
done
[[ ${#missing[@]} -gt 0 ]] || exit 0

if ! grep -q "github.com/kcp-dev/kcp ${KCP_VERSION}" "${MODULE_DIR}/go.mod"; then
  echo "error: ${MODULE_DIR}/go.mod does not require github.com/kcp-dev/kcp ${KCP_VERSION}" >&2
  exit 1
fi

kube_major="${KUBE_VERSION#v}"; kube_major="${kube_major%%.*}"
kube_minor="${KUBE_VERSION#v*.}"; kube_minor="${kube_minor%%.*}"
git_version="${KUBE_VERSION}+kcp-${KCP_VERSION}"

ldflags=()
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  ldflags+=(
    "-X ${pkg}.gitVersion=${git_version}"
    "-X ${pkg}.gitMajor=${kube_major}"
    "-X ${pkg}.gitMinor=${kube_minor}"
    "-X ${pkg}.gitCommit=${KCP_GIT_COMMIT}"
    "-X ${pkg}.gitTreeState=clean"
    "-X ${pkg}.buildDate=${KCP_BUILD_DATE}"
  )
done

export CGO_ENABLED=0
export GOFLAGS=-mod=readonly
# -buildvcs=false (on the command line): the stamp would depend on this repo's checkout, not on kcp.
# The checksum database does not know kcp-dev modules; go.sum is complete, so this is only belt-and-braces.
export GONOSUMDB=github.com/kcp-dev
# Never let a GOWORK from the caller pull the main module into this build.
export GOWORK=off

mkdir -p "${KCP_BIN_DIR}"
# Build next to the targets (same filesystem) so each final mv is an atomic
# rename: an interrupted build never leaves a half-written binary behind.
tmp_dir="$(mktemp -d "${KCP_BIN_DIR}/.kcp-build.XXXXXX")"
trap 'rm -rf "${tmp_dir}"' EXIT

echo "Building ${missing[*]} ${KCP_VERSION} (a cold build takes several minutes) ..."
start="${SECONDS}"
(
  cd "${MODULE_DIR}"
  go build -trimpath -buildvcs=false -ldflags="${ldflags[*]}" -o "${tmp_dir}/" \
    "${missing[@]/#/github.com/kcp-dev/kcp/cmd/}"
)
for cmd in "${missing[@]}"; do
  mkdir -p "$(dirname "$(target "${cmd}")")"
  chmod 0755 "${tmp_dir}/${cmd}"
  cache_store "${CACHE_NAME}" "${tmp_dir}" "${cmd}"
  mv -f "${tmp_dir}/${cmd}" "$(target "${cmd}")"
  echo "Built ${cmd} ${KCP_VERSION} at $(target "${cmd}")"
done
echo "Built in $((SECONDS - start))s"
