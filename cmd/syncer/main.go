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

// Command syncer serves one SyncTarget. In Phase 2 it only proves that it is
// alive and reaches its physical cluster: it renews the SyncTarget's
// heartbeat Lease while the cluster's /readyz answers. See pkg/syncer.
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"k8s.io/component-base/logs"
	logsapiv1 "k8s.io/component-base/logs/api/v1"
	"k8s.io/component-base/metrics"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/kcp/pkg/syncer"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
}

// run parses args (the command's name first) and beats until ctx ends.
func run(ctx context.Context, args []string) error {
	opts := syncer.NewOptions()
	fs := pflag.NewFlagSet(args[0], pflag.ContinueOnError)
	opts.AddFlags(fs)
	if err := fs.Parse(args[1:]); errors.Is(err, pflag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if err := opts.Validate(); err != nil {
		return err
	}
	if err := logsapiv1.ValidateAndApply(opts.Logs, nil); err != nil {
		return err
	}
	defer logs.FlushLogs()
	heartbeat, err := opts.NewHeartbeat()
	if err != nil {
		return err
	}
	logger := klog.Background().WithName("syncer")
	ctx = klog.NewContext(ctx, logger)
	if opts.BindAddress != "" {
		ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", opts.BindAddress)
		if err != nil {
			return fmt.Errorf("--bind-address: %w", err)
		}
		logger.Info("serving metrics", "address", ln.Addr().String())
		mux := http.NewServeMux()
		mux.Handle("/metrics", metrics.HandlerFor(heartbeat.Metrics.Registry, metrics.HandlerOpts{}))
		mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		defer func() { _ = srv.Close() }()
	}
	heartbeat.Run(ctx)
	return nil
}
