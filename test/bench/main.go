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
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

type options struct {
	n, workspaces, parallelism, workers int
	qps                                 float32
	burst                               int
	steady, restartWindow, timeout      time.Duration
	manager, dir                        string
	keep                                bool
	managerArgs                         []string // flags the user set that the manager shares
}

func parseFlags() *options {
	defaults := server.NewOptions()
	o := &options{qps: defaults.QPS}
	flag.IntVar(&o.n, "n", 2000, "SyncTargets per side (floor and controller).")
	flag.IntVar(&o.workspaces, "w", 20, "Consumer workspaces per side; objects are spread round-robin.")
	flag.IntVar(&o.parallelism, "p", 20, "Concurrent creates, on both sides.")
	flag.IntVar(&o.workers, "workers", defaults.Workers, "Manager --workers; also the floor's concurrent patches.")
	qps := flag.Float64("qps", float64(defaults.QPS), "Manager --qps; also the floor's client QPS per workspace.")
	flag.IntVar(&o.burst, "burst", defaults.Burst, "Manager --burst; also the floor's client burst per workspace.")
	flag.DurationVar(&o.steady, "steady", time.Minute, "Window in which a steady manager must write nothing.")
	flag.DurationVar(&o.restartWindow, "restart-window", 10*time.Second, "Extra wait after a restarted manager drained its queue.")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Minute, "Bound on the whole run.")
	flag.StringVar(&o.manager, "manager", "", "Manager binary (default: cmd/synctarget-controller, built for this run).")
	flag.StringVar(&o.dir, "dir", "", "kcp root directory (default: a new temporary directory).")
	flag.BoolVar(&o.keep, "keep", false, "Keep kcp's directory (kcp.log, manager.log) after the run.")
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

func bench(ctx context.Context, o *options) (*result, error) {
	if o.n < 1 || o.workspaces < 1 || o.parallelism < 1 || o.workers < 1 {
		return nil, fmt.Errorf("-n, -w, -p and -workers must be positive")
	}
	// A benchmark measures the binary as shipped: no coverage instrumentation.
	_ = os.Unsetenv(framework.CoverDirEnv)
	if o.manager == "" {
		tmp, err := os.MkdirTemp("", "bench-manager-")
		if err != nil {
			return nil, err
		}
		defer func() { _ = os.RemoveAll(tmp) }()
		if o.manager, err = framework.BuildManager(ctx, tmp, false); err != nil {
			return nil, err
		}
	}
	dir := o.dir
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "kcp-bench-"); err != nil {
			return nil, err
		}
	}
	r := &result{o: o, loadBefore: loadAvg()}
	start := time.Now()
	e, err := setUp(ctx, dir, o.workspaces)
	defer e.tearDown(dir, o.keep)
	// Watches end before kcp stops: kcp waits for clients that reconnect.
	ctx, endWatches := context.WithCancel(ctx)
	defer endWatches()
	if err != nil {
		return nil, err
	}
	if err := warmUp(ctx, e, o); err != nil {
		return nil, fmt.Errorf("warming up: %w", err)
	}
	logf("kcp and %d workspaces ready and warmed up in %s", 2*o.workspaces, since(start))
	if r.floors[0], err = runFloor(ctx, e, o, "floor"); err != nil {
		return nil, err
	}
	logf("floor: %d patched in %s", o.n, r.floors[0].duration.Round(time.Millisecond))
	if r.ctrl, err = runController(ctx, e, o); err != nil {
		return nil, err
	}
	if r.floors[1], err = runFloor(ctx, e, o, "floor-after"); err != nil {
		return nil, err
	}
	logf("floor again: %d patched in %s", o.n, r.floors[1].duration.Round(time.Millisecond))
	r.loadAfter = loadAvg()
	logf("done in %s", since(start))
	return r, nil
}
