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

# Builds a real kcp server binary from the pinned module in hack/kcp-server
# (go.mod + complete go.sum). The build is skipped when the binary already exists.
# Override the output path with KCP_BIN.

set -euo pipefail

KCP_VERSION="v0.30.0"
# Values stamped into the binary, matching kcp's own Makefile for this release.
KCP_GIT_COMMIT="b36d1ba"                 # refs/tags/v0.30.0 -> b36d1ba3e5219c0531b8817f7fee8ddba7f3de2c
KCP_BUILD_DATE="2026-02-02T11:23:36Z"    # tag time (fixed, so the build is reproducible)
KUBE_VERSION="v1.34.2"                   # k8s.io/kubernetes required by kcp ${KCP_VERSION}

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE_DIR="${REPO_ROOT}/hack/kcp-server"
KCP_BIN="${KCP_BIN:-${REPO_ROOT}/_output/kcp-${KCP_VERSION}/bin/kcp}"

if [[ -x "${KCP_BIN}" ]]; then
  echo "kcp ${KCP_VERSION} already built at ${KCP_BIN}"
  exit 0
fi

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

out_dir="$(dirname "${KCP_BIN}")"
mkdir -p "${out_dir}"
# Build next to the target (same filesystem) so the final mv is an atomic rename:
# an interrupted build never leaves a half-written binary at KCP_BIN.
tmp_dir="$(mktemp -d "${out_dir}/.kcp-build.XXXXXX")"
trap 'rm -rf "${tmp_dir}"' EXIT
tmp_bin="${tmp_dir}/kcp"

echo "Building kcp ${KCP_VERSION} into ${KCP_BIN} (a cold build takes several minutes) ..."
start="${SECONDS}"
(
  cd "${MODULE_DIR}"
  go build -trimpath -buildvcs=false -ldflags="${ldflags[*]}" -o "${tmp_bin}" github.com/kcp-dev/kcp/cmd/kcp
)
chmod 0755 "${tmp_bin}"
mv -f "${tmp_bin}" "${KCP_BIN}"

echo "Built kcp ${KCP_VERSION} at ${KCP_BIN} in $((SECONDS - start))s"
