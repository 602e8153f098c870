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

package framework

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kcp-dev/logicalcluster/v3"

	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
)

// Load describes SyncTargets to create: Count objects named Prefix-00000,
// Prefix-00001, … spread round-robin over Workspaces, created by Parallelism
// goroutines.
type Load struct {
	Workspaces  []logicalcluster.Path
	Prefix      string
	Count       int
	Parallelism int
	// Created, if set, is called (concurrently) with every object kcp
	// acknowledged, in the form kcp returned it.
	Created func(*workloadv1alpha1.SyncTarget)
}

// Target returns the workspace and name of object i of the load.
func (l Load) Target(i int) (logicalcluster.Path, string) {
	return l.Workspaces[i%len(l.Workspaces)], fmt.Sprintf("%s-%05d", l.Prefix, i)
}

// Create creates the load with client (base URL, no /clusters/ suffix). Each
// create is retried until it succeeds or ctx ends, so the load survives a
// kcp restart; AlreadyExists after a retry means an earlier attempt got
// through. It returns how many attempts failed and were retried.
func (l Load) Create(ctx context.Context, client workloadclientset.ClusterInterface) (retries int, err error) {
	if len(l.Workspaces) == 0 || l.Parallelism < 1 {
		return 0, fmt.Errorf("a load needs workspaces and a parallelism of at least 1")
	}
	indexes := make(chan int, l.Count)
	for i := range l.Count {
		indexes <- i
	}
	close(indexes)
	var failed atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, l.Parallelism)
	for range l.Parallelism {
		wg.Go(func() {
			for i := range indexes {
				ws, name := l.Target(i)
				st, err := createOne(ctx, client, ws, name, &failed)
				if err != nil {
					errs <- err
					return
				}
				if l.Created != nil {
					l.Created(st)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return int(failed.Load()), <-errs
}

// createOne creates one valid SyncTarget. Until ctx ends it retries every
// 200 ms whatever a restarting kcp may answer for a while: no answer, 5xx,
// 429, 401 (kcp-admin's token changes; see BaseConfig), 403 and 404 (kcp's
// authorizer and workspace index fill up after /readyz). AlreadyExists after
// a retry means an earlier attempt got through.
func createOne(ctx context.Context, client workloadclientset.ClusterInterface, ws logicalcluster.Path, name string, failed *atomic.Int64) (*workloadv1alpha1.SyncTarget, error) {
	syncTargets := client.Cluster(ws).WorkloadV1alpha1().SyncTargets()
	want := &workloadv1alpha1.SyncTarget{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       workloadv1alpha1.SyncTargetSpec{KCPCluster: ws.String()},
	}
	for retried := false; ; retried = true {
		st, err := syncTargets.Create(ctx, want, metav1.CreateOptions{})
		if apierrors.IsAlreadyExists(err) && retried {
			st, err = syncTargets.Get(ctx, name, metav1.GetOptions{})
		}
		if err == nil {
			return st, nil
		}
		if !transient(err) || ctx.Err() != nil {
			return nil, fmt.Errorf("creating SyncTarget %s in %s: %w", name, ws, err)
		}
		failed.Add(1)
		select {
		case <-ctx.Done():
		case <-time.After(retryInterval):
		}
	}
}

// transient reports whether err may go away by itself while kcp restarts:
// anything but a request kcp understood and refused for good.
func transient(err error) bool {
	var status apierrors.APIStatus
	if !errors.As(err, &status) {
		return true // No answer from kcp at all.
	}
	switch status.Status().Code {
	case http.StatusBadRequest, http.StatusConflict, http.StatusUnprocessableEntity:
		return false
	}
	return true
}
