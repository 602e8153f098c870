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

// Command demo is `make run`: it starts a real kcp on loopback, runs the
// controller in-process against it, creates a workspace bound to the
// workload.kcp.io APIExport with the sample SyncTarget, shows it Ready and
// keeps everything running until Ctrl-C, then stops what it started.
package main

import (
	"context"
	"errors"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	fmt.Println("Stopped everything this demo started.")
}

func run(ctx context.Context) (err error) {
	root, err := framework.RepoRoot()
	if err != nil {
		return err
	}
	dir := filepath.Join(root, "_output", "demo")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	logFile, err := os.Create(filepath.Join(dir, "controller.log"))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, logFile.Close()) }()
	// Everything the controller, client-go and klog log goes to the file.
	klog.SetLoggerWithOptions(textlogger.NewLogger(textlogger.NewConfig(textlogger.Output(logFile))), klog.ContextualLogger(true))

	fmt.Println("Starting kcp on 127.0.0.1 (about 30 s) ...")
	kcp, err := framework.StartKCP(ctx, dir)
	if err != nil {
		return err
	}
	defer func() {
		fmt.Println("Stopping kcp ...")
		err = errors.Join(err, kcp.Stop())
	}()
	fmt.Printf("kcp is ready: pid %d, log %s\n", kcp.PID(), filepath.Join(dir, "kcp.log"))

	opts := server.NewOptions()
	opts.Kubeconfig = kcp.AdminKubeconfig()
	opts.Context = "root"
	opts.BindAddress = "127.0.0.1:0"
	config, err := server.NewConfig(opts)
	if err != nil {
		return err
	}
	srv := server.NewServer(config)
	ctrlCtx, cancel := context.WithCancel(ctx)
	srvErr := make(chan error, 1)
	go func() {
		srvErr <- srv.Run(klog.NewContext(ctrlCtx, klog.Background().WithName("synctarget-controller")))
	}()
	defer func() {
		fmt.Println("Stopping the controller ...")
		cancel()
		err = errors.Join(err, <-srvErr)
	}()
	fmt.Printf("Controller started in-process: log %s\n", logFile.Name())

	demo, err := createDemo(ctx, kcp)
	if err != nil {
		return err
	}
	fmt.Printf("\nkubeconfig: %s\nTry it yourself:\n  kubectl --kubeconfig %s --server https://127.0.0.1:%d/clusters/%s get synctargets\n",
		kcp.AdminKubeconfig(), kcp.AdminKubeconfig(), kcp.Port(), demo)
	if addr := srv.HealthAddr(); addr != "" {
		fmt.Printf("  curl http://%s/metrics | grep kcp_synctarget\n", addr)
	}
	fmt.Println("\nPress Ctrl-C to stop kcp and the controller.")

	select {
	case <-ctx.Done():
		return nil
	case err := <-srvErr:
		srvErr <- nil // the deferred stop reads it again
		return fmt.Errorf("the controller stopped: %w", err)
	}
}
