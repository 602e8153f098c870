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

package main

import (
	"context"
	"errors"
	"fmt"

	"k8s.io/klog/v2"

	"github.com/kcp-dev/kcp/pkg/server"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// startController runs the controller manager of pkg/server in-process against
// kcp. It returns the server (for its health and metrics address) and a func
// that stops it; if it stops by itself, its error is sent to failed.
func startController(ctx context.Context, kcp *framework.KCP, failed chan<- error) (srv *server.Server, stop func() error, err error) {
	opts := server.NewOptions()
	opts.Kubeconfig = kcp.AdminKubeconfig()
	opts.Context = "root"
	opts.BindAddress = "127.0.0.1:0"
	config, err := server.NewConfig(opts)
	if err != nil {
		return nil, nil, err
	}
	srv = server.NewServer(config)
	ctrlCtx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- srv.Run(klog.NewContext(ctrlCtx, klog.Background().WithName("synctarget-controller")))
	}()
	go func() {
		select {
		case err := <-done:
			done <- nil // Reported once, through failed; stop reads nil.
			failed <- errors.Join(errors.New("it exited"), err)
		case <-ctrlCtx.Done():
		}
	}()
	stop = func() error {
		fmt.Println("Stopping the controller ...")
		cancel()
		return <-done
	}
	return srv, stop, nil
}
