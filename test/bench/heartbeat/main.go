/*
Copyright 2026 The kcp Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

// Command heartbeat (`make bench-heartbeat`) measures Phase 2 on a real kcp:
// N SyncTargets, each with a simulated syncer renewing its Lease (agents
// hosted by a few child processes), through a steady window, then with
// 10% of the syncers SIGSTOPped. It prints what it measured, then a SUMMARY
// line, and exits 1 when a goal is missed (2 when the run failed).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

type options struct {
	n, workspaces, hosts int
	memExtra             int
	lease, renew, steady time.Duration
	timeout              time.Duration
	inTree, keep         bool
	// The agent-host mode, which the bench runs as its children.
	host                          bool
	kubeconfig, physical, targets string
	profiles                      string
}

func parseFlags() *options {
	o := &options{}
	flag.IntVar(&o.n, "n", 500, "SyncTargets, each with its own simulated syncer.")
	flag.IntVar(&o.workspaces, "w", 5, "Consumer workspaces; SyncTargets are spread round-robin.")
	flag.IntVar(&o.hosts, "hosts", 10, "Processes hosting the syncers; SIGSTOPping one stops 1/hosts of them.")
	flag.DurationVar(&o.lease, "lease", 40*time.Second, "The syncers' --lease-duration.")
	flag.DurationVar(&o.renew, "renew", 10*time.Second, "The syncers' --renew-interval.")
	flag.DurationVar(&o.steady, "steady", 3*time.Minute, "Steady window: every syncer live, nothing may be written but Leases.")
	flag.DurationVar(&o.timeout, "timeout", 20*time.Minute, "Bound on the whole run.")
	flag.IntVar(&o.memExtra, "mem-extra", 4500, "In tree: SyncTargets with unrenewed Leases added for the memory samples with all stored.")
	flag.BoolVar(&o.inTree, "in-tree", false, "kcp main with the SyncTargetController and SyncTargetHeartbeat gates, no manager.")
	flag.BoolVar(&o.keep, "keep", false, "Keep kcp's directory and the logs.")
	flag.StringVar(&o.profiles, "heap-profiles", "", "In tree: a directory for kcp's heap profile at each gates sample.")
	flag.BoolVar(&o.host, "host", false, "Internal: host the syncers of -targets.")
	flag.StringVar(&o.kubeconfig, "kubeconfig", "", "Internal: kcp-admin's kubeconfig, for -host.")
	flag.StringVar(&o.physical, "physical-kubeconfig", "", "Internal: the physical cluster's kubeconfig, for -host; none: kcp.")
	flag.StringVar(&o.targets, "targets", "", "Internal: a file of <workspace>/<name> lines, for -host.")
	flag.String("bind-address", "", "Internal: ignored; the framework gives every child process one.")
	flag.Parse()
	return o
}

func main() {
	os.Exit(run())
}

func run() int {
	o := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if o.host {
		if err := runHost(ctx, o); err != nil {
			fmt.Fprintln(os.Stderr, "host failed:", err)
			return 2
		}
		return 0
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	r, err := bench(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench failed:", err)
		return 2
	}
	r.print(os.Stdout)
	if misses := r.misses(); len(misses) > 0 {
		for _, miss := range misses {
			fmt.Fprintln(os.Stderr, "goal missed:", miss)
		}
		return 1
	}
	return 0
}
