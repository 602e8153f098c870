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

# Fails unless every Go file git tracks in the current directory is
# gofmt-clean. It names the files gofmt would change and, separately, passes
# on gofmt's messages for files it cannot parse: both fail, and both are
# reported. (The Makefile recipe this replaces ended at xargs's exit status
# 123 on a parse error, before it named any unformatted file.)

set -o errexit -o nounset -o pipefail

errors="$(mktemp)"
trap 'rm -f "${errors}"' EXIT

files="$(git ls-files -- '*.go')"
status=0
unformatted="$(xargs --no-run-if-empty "${GOFMT:-gofmt}" -l <<<"${files}" 2>"${errors}")" || status=$?

if [[ -s "${errors}" ]]; then
  echo "gofmt could not read or parse:" >&2
  cat "${errors}" >&2
fi
if [[ -n "${unformatted}" ]]; then
  echo "not gofmt-clean (run gofmt -w):" >&2
  echo "${unformatted}" >&2
fi
if [[ ${status} -ne 0 || -n "${unformatted}" ]]; then
  exit 1
fi
