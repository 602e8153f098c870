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

SHELL := /usr/bin/env bash -o errexit -o nounset -o pipefail
.DEFAULT_GOAL := help

ROOT_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BIN_DIR := $(ROOT_DIR)/bin
export GOFLAGS := -mod=readonly

# The generators, logcheck and golangci-lint: where they live and how they are built.
include $(ROOT_DIR)/hack/tools.mk

# Package lists go into shell variables first: `var=$(go list …)` fails the recipe when go list fails or lists nothing.
LIST_UNIT_PKGS = unit_pkgs=$$(go list ./... | grep -v '/test/e2e')
# Coverage of the hand-written packages, recorded by each test target (and the binaries e2e tests run) into _output/coverage/.
COVER_DIR := $(ROOT_DIR)/_output/coverage
LIST_COVER_PKGS = cover_pkgs=$$(go list -f '{{if .GoFiles}}{{.ImportPath}}{{end}}' ./... | grep -v -e '/sdk/' -e '^$$' | paste -sd, -)
COVER = -coverpkg=$$cover_pkgs -coverprofile=$(COVER_DIR)/$@.out
export E2E_GOCOVERDIR := $(COVER_DIR)/bin
E2E_TIMEOUT ?= 30m
# e2e packages at once: most of their time is waiting on leases and restarts, not CPU.
E2E_PARALLEL ?= 3

##@ General

.PHONY: help
help: ## Show this help.
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make <target>\n"} /^[a-zA-Z0-9_-]+:.*?##/ { printf "  %-16s %s\n", $$1, $$2 } /^##@/ { printf "\n%s\n", substr($$0, 5) }' $(MAKEFILE_LIST)

##@ Build

.PHONY: build
build: ## Build the controller binary into bin/.
	go build -o $(BIN_DIR)/synctarget-controller ./cmd/synctarget-controller

.PHONY: kcp
kcp: ## Build the real kcp server (cached under _output/, keyed by version).
	hack/build-kcp.sh

.PHONY: kcp-sharded
kcp-sharded: ## Build kcp with cache-server, kcp-front-proxy and sharded-test-server (cached likewise).
	hack/build-kcp.sh kcp cache-server kcp-front-proxy sharded-test-server

.PHONY: kcp-intree
kcp-intree: ## Build kcp main + the patch series, with its sharded binaries (cached, keyed on pin + series).
	hack/build-kcp-intree.sh

.PHONY: kcp-pr
kcp-pr: ## The change as patches against kcp main in _output/kcp-pr/: each applied, built, tested, linted, sized.
	hack/kcp-pr.sh

.PHONY: run run-external bench bench-heartbeat
run: kcp-intree ## Start the in-tree kcp (feature gate on) with a demo SyncTarget on loopback; Ctrl-C stops all.
	go build -o $(BIN_DIR)/synctarget-demo ./hack/demo
	$(BIN_DIR)/synctarget-demo -in-tree

run-external: kcp ## Same demo with a released kcp and the controller running beside it (pkg/server).
	go build -o $(BIN_DIR)/synctarget-demo ./hack/demo
	$(BIN_DIR)/synctarget-demo

bench: kcp $(if $(findstring -in-tree,$(BENCH_FLAGS)),kcp-intree) ## The controller against the floor, 3 alternating pairs (not in `test`); BENCH_FLAGS=-in-tree.
	go run ./test/bench $(BENCH_FLAGS)

bench-heartbeat: kcp $(if $(findstring -in-tree,$(BENCH_FLAGS)),kcp-intree) ## Phase 2: N syncers beating, a steady window, 10% SIGSTOPped (not in `test`); BENCH_FLAGS=-in-tree.
	go build -o $(BIN_DIR)/bench-heartbeat ./test/bench/heartbeat
	$(BIN_DIR)/bench-heartbeat $(BENCH_FLAGS)

##@ Code generation

.PHONY: codegen
codegen: $(TOOLS_STAMP) ## Regenerate deepcopy, sdk/ clients, CRD and APIResourceSchema/APIExport.
	TOOLS_BIN=$(TOOLS_BIN) hack/update-codegen.sh

.PHONY: verify-codegen
verify-codegen: codegen ## Regenerate, then fail if anything differs from git.
	@if [[ -n "$$(git status --porcelain -- sdk pkg/apis config go.mod go.sum)" ]]; then \
		git status --porcelain -- sdk pkg/apis config go.mod go.sum; \
		git --no-pager diff --stat -- sdk pkg/apis config; \
		echo "generated code is out of date: run 'make codegen' and commit the result" >&2; exit 1; \
	fi

##@ Verification

# logcheck as kcp runs it (hack/verify-contextual-logging.sh), against an empty baseline.
LOGCHECK_IGNORE := Additional arguments to|Key positional arguments|InitFlags

.PHONY: lint
lint: $(GOLANGCI_LINT) $(TOOLS_STAMP) ## golangci-lint (kcp's config), logcheck -check-contextual, gofmt (the series: make kcp-pr).
	$(GOLANGCI_LINT) run ./...
	@findings=$$($(TOOLS_BIN)/logcheck -check-contextual -check-key=false ./... 2>&1 | grep -vE '$(LOGCHECK_IGNORE)' || true); \
	if [[ -n "$$findings" ]]; then echo "$$findings" >&2; echo "logcheck: use contextual logging" >&2; exit 1; fi
	hack/verify-gofmt.sh

.PHONY: test test-unit test-allocs test-intree test-e2e test-e2e-sharded
test: ## Run every test, one step after the other: unit (-race, then allocations), in kcp's tree, e2e on one kcp, on two shards.
	rm -rf $(COVER_DIR)
	$(MAKE) test-unit
	$(MAKE) test-allocs
	$(MAKE) test-intree
	$(MAKE) test-e2e
	$(MAKE) test-e2e-sharded

test-unit: ## Run unit tests with -race (no kcp needed).
	mkdir -p $(E2E_GOCOVERDIR)
	$(LIST_UNIT_PKGS); $(LIST_COVER_PKGS); go test -race -count=1 $(COVER) $$unit_pkgs

test-allocs: ## Run the allocation test and, once each, the Go benchmarks, without -race (which changes allocations).
	hack/test-allocs.sh

test-intree: ## Run the controller's unit tests (-race) inside kcp main's tree with the series applied.
	hack/build-kcp-intree.sh test

test-e2e: kcp kcp-intree ## Run e2e tests against a real kcp (released and in-tree) started on loopback.
	mkdir -p $(E2E_GOCOVERDIR)
	e2e_pkgs=$$(go list ./test/e2e/... | grep -v '/test/e2e/sharded'); $(LIST_COVER_PKGS); go test -race -count=1 $(COVER) -p $(E2E_PARALLEL) -timeout $(E2E_TIMEOUT) $$e2e_pkgs

test-e2e-sharded: kcp-sharded kcp-intree ## e2e on a real two-shard kcp: the manager, then kcp in-tree (fixed ports: one at a time).
	mkdir -p $(E2E_GOCOVERDIR)
	$(LIST_COVER_PKGS); go test -race -count=1 $(COVER) -p 1 -v -timeout $(E2E_TIMEOUT) ./test/e2e/sharded/...

.PHONY: coverage clean
coverage: ## Statement coverage of the hand-written packages, merged over what `make test` recorded.
	@for t in test-unit test-e2e test-e2e-sharded; do [[ -f $(COVER_DIR)/$$t.out ]] || \
		{ echo "no coverage from $$t in $(COVER_DIR): run make test first" >&2; exit 1; }; done
	hack/coverage.sh

clean: ## Remove built binaries (keeps the cached kcp build under _output/).
	rm -rf $(BIN_DIR)
