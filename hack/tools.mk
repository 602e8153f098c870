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

# Included by the Makefile. Tools are kept outside the checkout (as
# hack/cache.sh keeps binaries), keyed by what they are built from, so that a
# fresh clone does not link them again.
TMC_CACHE := $(or $(KCP_TMC_CACHE),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/kcp-tmc)
GO_VERSION := $(shell go env GOVERSION)
GOLANGCI_LINT_VERSION := v2.15.0
GOLANGCI_LINT := $(TMC_CACHE)/golangci-lint-$(GOLANGCI_LINT_VERSION)-$(GO_VERSION)/golangci-lint
TOOLS_BIN := $(TMC_CACHE)/tools-$(shell cat $(ROOT_DIR)/hack/tools/go.mod $(ROOT_DIR)/hack/tools/go.sum | sha256sum | cut -c1-16)-$(GO_VERSION)
TOOLS_STAMP := $(TOOLS_BIN)/.complete

$(TOOLS_STAMP):
	mkdir -p $(TOOLS_BIN)
	cd $(ROOT_DIR)/hack/tools && go build -o $(TOOLS_BIN)/ tool
	touch $@

##@ Tools

.PHONY: tools
tools: $(TOOLS_STAMP) ## Build the pinned code generators and logcheck (kept by key outside the checkout).

$(GOLANGCI_LINT):
	GOBIN=$(dir $@) GOFLAGS= go install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
