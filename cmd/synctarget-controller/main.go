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

// Command synctarget-controller runs kcp's TMC controllers (today: the
// SyncTarget controller) against a kcp server. See pkg/server for the flags.
// Unless GOGC is set, it collects garbage at GOGC=25 (see gc.go).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"k8s.io/component-base/logs"
	logsapiv1 "k8s.io/component-base/logs/api/v1"
	"k8s.io/klog/v2"

	"github.com/kcp-dev/kcp/pkg/server"
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

// run parses args (the command's name first), applies the logging options
// and serves until ctx ends or the server fails.
func run(ctx context.Context, args []string) error {
	opts := server.NewOptions()
	fs := pflag.NewFlagSet(args[0], pflag.ContinueOnError)
	opts.AddFlags(fs)
	if err := fs.Parse(args[1:]); errors.Is(err, pflag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if err := logsapiv1.ValidateAndApply(opts.Logs, nil); err != nil {
		return err
	}
	defer logs.FlushLogs()

	config, err := server.NewConfig(opts)
	if err != nil {
		return err
	}
	logger := klog.Background().WithName("synctarget-controller")
	logger.Info("Garbage collection target", "GOGC", setGCTarget(os.LookupEnv))
	ctx = klog.NewContext(ctx, logger)
	return server.NewServer(config).Run(ctx)
}
