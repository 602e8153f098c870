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

# Produces this repository's change as the patch series a kcp reviewer gets,
# against kcp's released source from the module proxy, in _output/kcp-pr/:
#   0001 the API, 0002 the controller, 0003 its wiring into kcp's start-up
# (the same steps as the in-tree build, hack/intree/lib.sh; commit messages in
# hack/kcp-pr/). Then it applies the patches one by one to a fresh copy of
# kcp and, after each, builds that step's packages and runs its unit tests.
# The copy is made buildable without staging/ first; that edit of go.mod and
# go.sum is build plumbing, never part of a patch.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=hack/intree/lib.sh
source "${REPO}/hack/intree/lib.sh"

OUT="${REPO}/_output/kcp-pr"
KCP_VERSION="$(intree_pin "${REPO}" KCP_VERSION)"
STEPS=(api controller wiring)
# Per step: what to build, what to vet (the packages it touches), whose unit tests to run.
BUILD=("./pkg/apis/workload/... ./sdk/client/..." "./pkg/reconciler/workload/..." "./cmd/kcp")
VET=("./pkg/apis/workload/..." "./pkg/reconciler/workload/..." "./pkg/features/ ./pkg/server/ ./pkg/server/bootstrap/ ./config/root-phase0/")
TESTS=("./pkg/apis/workload/..." "./pkg/reconciler/workload/..." "./pkg/features/...")

# The submitter signs off (DCO): git's configured identity, else the author
# of this repository's last commit. Dates are that commit's: reproducible.
identity() { git -C "${REPO}" config "user.$1" || git -C "${REPO}" log -1 --format="%a$2"; }
GIT_AUTHOR_NAME="$(identity name n)" GIT_AUTHOR_EMAIL="$(identity email e)"
GIT_AUTHOR_DATE="$(git -C "${REPO}" log -1 --format=%cI)"
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_NAME="${GIT_AUTHOR_NAME}" \
  GIT_COMMITTER_EMAIL="${GIT_AUTHOR_EMAIL}" GIT_COMMITTER_DATE="${GIT_AUTHOR_DATE}"

kgit() { # DIR ARGS...: git in a kcp tree below this repository, never in this repository.
  GIT_CEILING_DIRECTORIES="$(dirname "$1")" git -C "$1" -c commit.gpgsign=false -c core.autocrlf=false "${@:2}"
}

new_tree() { # DIR: pristine kcp in DIR, committed as the base.
  intree_copy_pristine "${REPO}" "$1"
  kgit "$1" init -q && kgit "$1" add -A -f && kgit "$1" commit -q -m "kcp ${KCP_VERSION} from the module proxy"
}

write_series() {
  local tree="${OUT}/series" i
  new_tree "${tree}"
  for i in 0 1 2; do
    case "${STEPS[i]}" in
      api) intree_overlay_api "${REPO}" "${tree}" ;;
      controller) intree_overlay_controller "${REPO}" "${tree}" ;;
      wiring) intree_apply_wiring "${REPO}" "${tree}" ;;
    esac
    kgit "${tree}" add -A -f
    kgit "${tree}" commit -q -s -F "${REPO}/hack/kcp-pr/000$((i + 1))-${STEPS[i]}.txt"
  done
  kgit "${tree}" format-patch -q --zero-commit -o "${OUT}" HEAD~3
}

is_generated() {
  case "$1" in
    sdk/* | */zz_generated.* | config/crds/* | config/root-phase0/apiresourceschema-* | config/root-phase0/apiexport-*) return 0 ;;
  esac
  return 1
}

table() { # PATCH: files, hand-written and generated lines added.
  local files=0 hand=0 gen=0 added removed path
  while read -r added removed path; do
    files=$((files + 1))
    if is_generated "${path}"; then gen=$((gen + added)); else hand=$((hand + added)); fi
  done < <(git apply --numstat "$1")
  printf '%-64s %3d files %6d hand-written %6d generated lines\n' "$(basename "$1")" "${files}" "${hand}" "${gen}"
}

verify() {
  local tree="${OUT}/verify" patches i
  new_tree "${tree}"
  intree_make_buildable "${REPO}" "${tree}"
  kgit "${tree}" commit -q -a -m "build plumbing: published staging modules instead of ./staging"
  mapfile -t patches < <(find "${OUT}" -maxdepth 1 -name '000*.patch' | LC_ALL=C sort)
  [[ ${#patches[@]} -eq 3 ]] || { echo "error: want 3 patches, got ${#patches[@]}" >&2; return 1; }
  for i in 0 1 2; do
    echo "=== $(basename "${patches[i]}"): apply, build ${BUILD[i]}, vet, test ${TESTS[i]}"
    kgit "${tree}" am -q "${patches[i]}"
    (
      intree_go_env
      cd "${tree}"
      # shellcheck disable=SC2086 # word splitting of the package lists is wanted
      go build -trimpath ${BUILD[i]}
      # shellcheck disable=SC2086
      go vet -trimpath ${VET[i]}
      # shellcheck disable=SC2086
      CGO_ENABLED=1 go test -race -count=1 ${TESTS[i]}
    )
  done
}

start="${SECONDS}"
rm -rf "${OUT}" && mkdir -p "${OUT}"
write_series
verify
echo
echo "kcp-pr: three patches against kcp ${KCP_VERSION} in ${OUT}, each applied, built and unit-tested in order ($((SECONDS - start))s)"
for patch in "${OUT}"/000*.patch; do table "${patch}"; done
