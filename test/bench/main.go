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

// Command bench measures the synctarget controller manager against the
// physical floor on a real single-shard kcp and checks the performance goals
// of issue 7. See README.md beside it; run it with `make bench`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kcp-dev/kcp/pkg/server"
)

type options struct {
	n, workspaces, pairs, parallelism int
	workers                           int
	qps                               float32
	burst                             int
	steady, restartWindow, timeout    time.Duration
	memWindow                         time.Duration
	manager, dir                      string
	keep, inTree                      bool
	managerArgs                       []string // flags the user set that the manager shares
}

func parseFlags() *options {
	defaults := server.NewOptions()
	o := &options{qps: defaults.QPS}
	flag.IntVar(&o.n, "n", 1500, "SyncTargets per phase (floor and controller).")
	flag.IntVar(&o.workspaces, "w", 15, "Consumer workspaces per phase; objects are spread round-robin.")
	flag.IntVar(&o.pairs, "pairs", 3, "Floor/controller pairs, run alternating; the verdict is on the median ratio.")
	flag.IntVar(&o.parallelism, "p", 20, "Concurrent creates, in every phase.")
	flag.IntVar(&o.workers, "workers", defaults.Workers, "Manager --workers; also the floor's concurrent patches.")
	qps := flag.Float64("qps", float64(defaults.QPS), "Manager --qps; also the floor's client QPS per workspace.")
	flag.IntVar(&o.burst, "burst", defaults.Burst, "Manager --burst; also the floor's client burst per workspace.")
	flag.DurationVar(&o.steady, "steady", time.Minute, "Window in which a steady manager must write nothing.")
	flag.DurationVar(&o.restartWindow, "restart-window", 10*time.Second, "Extra wait after a restarted manager drained its queue.")
	flag.DurationVar(&o.memWindow, "mem-window", 30*time.Second, "In-tree: window over which each kcp's memory is sampled.")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "Bound on the whole run.")
	flag.StringVar(&o.manager, "manager", "", "Manager binary (default: cmd/synctarget-controller, built for this run).")
	flag.StringVar(&o.dir, "dir", "", "kcp root directory (default: a new temporary directory).")
	flag.BoolVar(&o.keep, "keep", false, "Keep kcp's directory (kcp.log, manager.log) after the run.")
	flag.BoolVar(&o.inTree, "in-tree", false, "Measure kcp main with the controller inside: the gate on against the gate off.")
	flag.Parse()
	o.qps = float32(*qps)
	flag.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "workers", "qps", "burst":
			o.managerArgs = append(o.managerArgs, "--"+f.Name+"="+f.Value.String())
		}
	})
	return o
}

func main() {
	os.Exit(run())
}

func run() int {
	o := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
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
