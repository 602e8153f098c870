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
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// memAge is how long a restarted kcp runs at least before it is sampled:
// past its start-up, the controller's lists, and a few renewals of every
// Lease. Its live heap is then the least of quietSamples forced GCs
// quietEvery apart: kcp's own informers and watches pass objects through
// (a heap profile once caught 8 MB of Leases in flight to one), which one
// GC may catch and charge to whichever gates that process had.
const (
	memAge       = 45 * time.Second
	quietSamples = 12
	quietEvery   = 5 * time.Second
)

// gatesMemory samples kcp once per entry of gates (both gates on, or both
// off), each time a fresh process on the same directory, so holding the same
// objects, sampled at the same age with a SyncTarget watch of the bench's
// (so kcp's watch cache holds them either way). The difference between on
// and off is what the controller costs; at N=0, its fixed part.
//
// The syncers of held are stopped while kcp restarts, and started again
// once it serves, with kcp-admin's new token (kcp issues one at each start,
// and client-go keeps a token file's old one for up to a minute: frozen
// syncers thawed with it missed their renewals past the lease, and the
// gates-on kcp flipped and kept their SyncTargets). Their physical cluster
// is a kcp of its own, which stays up.
func gatesMemory(ctx context.Context, e *env, held []*host, start func([]*host) error, gates ...bool) (map[bool]memSample, error) {
	out := map[bool]memSample{}
	for _, on := range gates {
		flag := fmt.Sprintf("--feature-gates=SyncTargetController=%t,SyncTargetHeartbeat=%t", on, on)
		stopHosts(held)
		if err := e.kcp.Stop(); err != nil {
			return nil, err
		}
		k, err := e.kcp.StartAgainWithArgs(ctx, []string{flag})
		if err != nil {
			return nil, fmt.Errorf("starting kcp with %s: %w", flag, err)
		}
		e.kcp = k
		// A new kcp-admin token, into the file the syncers and the watches read.
		if e.base, err = e.kcp.BaseConfig(); err != nil {
			return nil, err
		}
		if len(held) > 0 {
			if err := start(held); err != nil {
				return nil, err
			}
		}
		s, err := sampleFresh(ctx, e)
		if err != nil {
			return nil, err
		}
		fmt.Printf("kcp with %s: RSS %.1f MiB, live heap %.1f MiB; SyncTarget writes since its start: %v\n",
			flag, s.rss/(1<<20), s.heap/(1<<20), s.written)
		if err := e.saveProfiles(ctx, fmt.Sprintf("gates-%t-%d", on, e.samples), s.profile); err != nil {
			return nil, err
		}
		e.samples++
		out[on] = s
	}
	return out, nil
}

// saveProfiles writes kcp's heap profile as name.pb.gz and its goroutines
// as name.goroutines.txt into the directory of -heap-profiles, if given:
// `go tool pprof -base` on two heap profiles shows where the gates' memory goes.
func (e *env) saveProfiles(ctx context.Context, name string, heap []byte) error {
	if e.profiles == "" {
		return nil
	}
	goroutines, err := e.kcp.Goroutines(ctx)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(e.profiles, name+".goroutines.txt"), goroutines, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(e.profiles, name+".pb.gz"), heap, 0o644)
}

// sampleFresh samples the kcp just started at memAge, watching meanwhile.
func sampleFresh(ctx context.Context, e *env) (memSample, error) {
	started := time.Now()
	client, err := workloadclientset.NewForConfig(e.base)
	if err != nil {
		return memSample{}, err
	}
	watchCtx, stop := context.WithCancel(ctx)
	defer stop()
	w, err := startWatcher(watchCtx, client, e.wss)
	if err != nil {
		return memSample{}, err
	}
	if err := window(ctx, memAge-time.Since(started)); err != nil {
		return memSample{}, err
	}
	least, err := leastLiveHeap(ctx, e)
	if err != nil {
		return memSample{}, err
	}
	s, err := sampleMemory(ctx, e)
	s.heap = least
	s.written = map[string]int{}
	for t, st := range w.snapshot() {
		if st.writes > 0 {
			s.written[fmt.Sprintf("%s %s (%d flips)", strings.SplitN(t.name, "-", 2)[0], st.reason, st.transitions)] += st.writes
		}
	}
	return s, err
}
