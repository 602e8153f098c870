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

# Built binaries kept outside the checkout, by key, so that a fresh clone (as
# CI makes) copies them instead of linking them again. The directory is
# $KCP_TMC_CACHE, else $XDG_CACHE_HOME/kcp-tmc, else ~/.cache/kcp-tmc; the
# key names everything the binaries are built from, the Go toolchain included.

tmc_cache_dir() {
  echo "${KCP_TMC_CACHE:-${XDG_CACHE_HOME:-${HOME}/.cache}/kcp-tmc}"
}

# cache_restore NAME DEST FILE...: copies NAME's FILEs into DEST; fails,
# copying nothing, unless the cache holds all of them.
cache_restore() {
  local src f
  src="$(tmc_cache_dir)/$1"
  [[ -f "${src}/.complete" ]] || return 1
  for f in "${@:3}"; do [[ -x "${src}/${f}" ]] || return 1; done
  mkdir -p "$2"
  for f in "${@:3}"; do cp -f "${src}/${f}" "$2/.${f}.restoring" && mv -f "$2/.${f}.restoring" "$2/${f}"; done
  echo "restored ${*:3} from $(tmc_cache_dir)/$1"
}

# cache_store NAME SRC FILE...: adds SRC's FILEs to NAME in the cache.
cache_store() {
  local dst f
  dst="$(tmc_cache_dir)/$1"
  mkdir -p "${dst}"
  rm -f "${dst}/.complete"
  for f in "${@:3}"; do cp -f "$2/${f}" "${dst}/.${f}.storing" && mv -f "${dst}/.${f}.storing" "${dst}/${f}"; done
  touch "${dst}/.complete"
}
