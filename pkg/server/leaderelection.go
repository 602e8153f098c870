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

package server

import (
	"context"
	"errors"
	"fmt"
	"os"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/uuid"
	"k8s.io/client-go/tools/leaderelection"
	"k8s.io/client-go/tools/leaderelection/resourcelock"
	"k8s.io/klog/v2"
)

// runElected stands by until this replica holds the Lease, then leads until
// ctx ends or the Lease is lost. On ctx's end it stops the runners first and
// then releases the Lease, so a successor never overlaps with them; on a lost
// Lease it stops the runners and returns an error, so the process exits.
func (s *Server) runElected(ctx context.Context) error {
	opts := s.config.Options.LeaderElection
	host, err := os.Hostname()
	if err != nil {
		return fmt.Errorf("leader election identity: %w", err)
	}
	id := host + "_" + string(uuid.NewUUID())
	logger := klog.FromContext(ctx).WithValues("lease", opts.Namespace+"/"+opts.Name, "identity", id)

	elected := make(chan context.Context, 1)
	elector, err := leaderelection.NewLeaderElector(leaderelection.LeaderElectionConfig{
		Lock: &resourcelock.LeaseLock{
			LeaseMeta:  metav1.ObjectMeta{Namespace: opts.Namespace, Name: opts.Name},
			Client:     s.config.LeaseClient,
			LockConfig: resourcelock.ResourceLockConfig{Identity: id},
		},
		LeaseDuration:   opts.LeaseDuration,
		RenewDeadline:   opts.RenewDeadline,
		RetryPeriod:     opts.RetryPeriod,
		ReleaseOnCancel: true,
		Name:            "kcp-synctarget-controller",
		Callbacks: leaderelection.LeaderCallbacks{
			OnStartedLeading: func(leaderCtx context.Context) { elected <- leaderCtx },
			OnStoppedLeading: func() {},
			OnNewLeader: func(leader string) {
				logger.Info("the Lease has a new holder", "leader", leader)
			},
		},
	})
	if err != nil {
		return fmt.Errorf("leader election: %w", err)
	}

	// The election outlives ctx: it ends only after the runners stopped.
	electionCtx, endElection := context.WithCancel(context.WithoutCancel(ctx))
	electionDone := make(chan struct{})
	go func() {
		defer close(electionDone)
		elector.Run(klog.NewContext(electionCtx, logger))
	}()
	defer func() {
		endElection()
		<-electionDone
	}()

	logger.Info("standing by until this replica holds the leader Lease")
	select {
	case <-ctx.Done():
		return nil
	case <-electionDone:
		return errors.New("leader election ended before this replica led")
	case leaderCtx := <-elected:
		logger.Info("leading: serving the endpoints")
		workCtx, cancel := context.WithCancel(klog.NewContext(leaderCtx, klog.FromContext(ctx)))
		defer cancel()
		defer context.AfterFunc(ctx, cancel)()
		s.leading.Store(true)
		err := s.lead(workCtx)
		s.leading.Store(false)
		if ctx.Err() == nil && leaderCtx.Err() != nil {
			return fmt.Errorf("lost the leader Lease %s/%s: stopped serving", opts.Namespace, opts.Name)
		}
		return err
	}
}
