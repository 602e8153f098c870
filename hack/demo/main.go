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

// Command demo is `make run`: it starts a real kcp on loopback, creates a
// workspace bound to the workload.kcp.io APIExport with the sample SyncTarget,
// shows it Ready and keeps everything running until Ctrl-C, then stops what it
// started. With -in-tree (the default of `make run`) the controller runs inside
// kcp's own start-up (the in-tree build, feature gate on); without it (`make
// run-external`) the controller manager of pkg/server runs in-process beside kcp.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"k8s.io/klog/v2"
	"k8s.io/klog/v2/textlogger"

	"github.com/kcp-dev/kcp/pkg/server"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

func main() {
	inTree := flag.Bool("in-tree", false, "run the in-tree kcp build with the SyncTargetController feature gate on, instead of the controller beside kcp")
	dir := flag.String("dir", "", "directory for kcp's state and the logs, emptied first (default: _output/demo in the repository)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, *inTree, *dir)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	fmt.Println("Stopped everything this demo started.")
}

func run(ctx context.Context, inTree bool, dir string) (err error) {
	if dir == "" {
		root, err := framework.RepoRoot()
		if err != nil {
			return err
		}
		dir = filepath.Join(root, "_output", "demo")
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	logName := "controller.log" // The in-process controller's log; in-tree, kcp.log has the controller's.
	if inTree {
		logName = "client.log"
	}
	logFile, err := os.Create(filepath.Join(dir, logName))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, logFile.Close()) }()
	// Everything the controller, client-go and klog log goes to the file.
	klog.SetLoggerWithOptions(textlogger.NewLogger(textlogger.NewConfig(textlogger.Output(logFile))), klog.ContextualLogger(true))

	opts := framework.Options{}
	if inTree {
		if opts.Binary, err = framework.InTreeKCPBinary(ctx); err != nil {
			return err
		}
		opts.Args = []string{"--feature-gates=SyncTargetController=true"}
	}
	fmt.Println("Starting kcp on 127.0.0.1 (about 30 s) ...")
	kcp, err := framework.StartKCPWithOptions(ctx, dir, opts)
	if err != nil {
		return err
	}
	defer func() {
		fmt.Println("Stopping kcp ...")
		err = errors.Join(err, kcp.Stop())
	}()
	fmt.Printf("kcp is ready: pid %d, log %s\n", kcp.PID(), kcp.LogPath())

	metricsHint := func() string {
		return fmt.Sprintf("kubectl --kubeconfig %s --context system:admin get --raw /metrics | grep kcp-synctarget", kcp.AdminKubeconfig())
	}
	controllerErr := make(chan error, 1)
	if inTree {
		fmt.Println("The SyncTarget controller runs inside kcp (feature gate SyncTargetController=true).")
	} else {
		var srv *server.Server
		var stopController func() error
		if srv, stopController, err = startController(ctx, kcp, controllerErr); err != nil {
			return err
		}
		defer func() { err = errors.Join(err, stopController()) }()
		fmt.Printf("Controller started in-process beside kcp: log %s\n", logFile.Name())
		metricsHint = func() string { return fmt.Sprintf("curl http://%s/metrics | grep kcp_synctarget", srv.HealthAddr()) }
	}

	demo, err := createDemo(ctx, kcp)
	if err != nil {
		return err
	}
	fmt.Printf("\nkubeconfig: %s\nTry it yourself:\n  kubectl --kubeconfig %s --server https://127.0.0.1:%d/clusters/%s get synctargets\n  %s\n",
		kcp.AdminKubeconfig(), kcp.AdminKubeconfig(), kcp.Port(), demo, metricsHint())
	fmt.Println("\nPress Ctrl-C to stop everything.")

	select {
	case <-ctx.Done():
		return nil
	case err := <-controllerErr:
		return fmt.Errorf("the controller stopped: %w", err)
	case <-kcp.Exited():
		return fmt.Errorf("kcp exited; see %s", kcp.LogPath())
	}
}
