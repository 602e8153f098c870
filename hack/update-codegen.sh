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

# Regenerates everything derived from pkg/apis: deepcopy, the sdk/ clients,
# listers, informers and applyconfigurations, the CRD and the kcp
# APIResourceSchema + APIExport. Generators come from hack/tools/go.mod and are
# expected in ${TOOLS_BIN} (the Makefile's `tools` target builds them).

set -o errexit
set -o nounset
set -o pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "${REPO_ROOT}"

TOOLS_BIN=${TOOLS_BIN:-${REPO_ROOT}/bin}
HEADER=${REPO_ROOT}/hack/boilerplate/boilerplate.generatego.txt
MODULE=github.com/kcp-dev/kcp
API_PKG=${MODULE}/pkg/apis/workload/v1alpha1
SDK=${MODULE}/sdk/client

# Start from a clean slate so that removed types leave no stale files behind.
rm -rf sdk/client
mkdir -p sdk/client config/crds config/root-phase0

"${TOOLS_BIN}/deepcopy-gen" --go-header-file "${HEADER}" \
  --output-file zz_generated.deepcopy.go "${API_PKG}"

"${TOOLS_BIN}/applyconfiguration-gen" --go-header-file "${HEADER}" \
  --output-pkg "${SDK}/applyconfiguration" --output-dir sdk/client/applyconfiguration \
  "${API_PKG}"

"${TOOLS_BIN}/client-gen" --go-header-file "${HEADER}" \
  --output-pkg "${SDK}/clientset" --output-dir sdk/client/clientset \
  --input-base "" --input "${API_PKG}" \
  --apply-configuration-package "${SDK}/applyconfiguration" \
  --clientset-name versioned

"${TOOLS_BIN}/cluster-client-gen" --go-header-file "${HEADER}" \
  --output-pkg "${SDK}/clientset/versioned/cluster" --output-dir sdk/client/clientset/versioned/cluster \
  --input-base "${REPO_ROOT}/pkg/apis" --input workload/v1alpha1 \
  --single-cluster-versioned-clientset-pkg "${SDK}/clientset/versioned" \
  --single-cluster-applyconfigurations-pkg "${SDK}/applyconfiguration"

"${TOOLS_BIN}/cluster-lister-gen" --go-header-file "${HEADER}" \
  --output-pkg "${SDK}/listers" --output-dir sdk/client/listers \
  "${API_PKG}"

"${TOOLS_BIN}/cluster-informer-gen" --go-header-file "${HEADER}" \
  --output-pkg "${SDK}/informers/externalversions" --output-dir sdk/client/informers/externalversions \
  --versioned-clientset-pkg "${SDK}/clientset/versioned/cluster" \
  --single-cluster-versioned-clientset-pkg "${SDK}/clientset/versioned" \
  --listers-pkg "${SDK}/listers" \
  "${API_PKG}"

"${TOOLS_BIN}/controller-gen" crd paths=./pkg/apis/... output:crd:artifacts:config=config/crds

# apigen names each APIResourceSchema after the date and commit of its first
# generation and keeps that name while the CRD is unchanged; a changed CRD gets
# a new (immutable) schema name.
"${TOOLS_BIN}/apigen" --input-dir config/crds --output-dir config/root-phase0
