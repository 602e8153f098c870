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
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/scheme"
	coordinationfake "k8s.io/client-go/kubernetes/typed/coordination/v1/fake"
	"k8s.io/client-go/rest"
	clienttesting "k8s.io/client-go/testing"

	kcpfakeclientset "github.com/kcp-dev/sdk/client/clientset/versioned/cluster/fake"
)

const (
	waitFor = 10 * time.Second
	tick    = 10 * time.Millisecond
)

// fastBackoff retries endpoints quickly in tests.
var fastBackoff = defaultRunnerBackoff

func init() {
	fastBackoff.Duration, fastBackoff.Cap = 5*time.Millisecond, 50*time.Millisecond
}

// newFakeLeases returns a Lease client backed by an in-memory tracker.
func newFakeLeases(t *testing.T, objects ...runtime.Object) *coordinationfake.FakeCoordinationV1 {
	t.Helper()
	tracker := clienttesting.NewObjectTracker(scheme.Scheme, scheme.Codecs.UniversalDecoder())
	for _, obj := range objects {
		require.NoError(t, tracker.Add(obj))
	}
	fake := &clienttesting.Fake{}
	fake.AddReactor("*", "*", clienttesting.ObjectReaction(tracker))
	return &coordinationfake.FakeCoordinationV1{Fake: fake}
}

// testConfig is a configuration for a kcp faked by client, without leader
// election unless modify turns it on.
func testConfig(client *kcpfakeclientset.ClusterClientset, modify func(o *Options)) *Config {
	opts := NewOptions()
	opts.BindAddress = "127.0.0.1:0"
	opts.Bootstrap = false
	opts.LeaderElection.Enabled = false
	if modify != nil {
		modify(opts)
	}
	return &Config{
		Options:      opts,
		BaseConfig:   &rest.Config{Host: "https://kcp.invalid:6443"},
		ProviderPath: testProvider,
		KCPClient:    client,
	}
}

// newTestServer is NewServer with fast endpoint retries.
func newTestServer(config *Config) *Server {
	s := NewServer(config)
	s.runners.backoff = fastBackoff
	return s
}

// startRun runs s in the background; the channel carries Run's result.
func startRun(t *testing.T, s *Server) (context.CancelFunc, <-chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	return cancel, done
}

// waitRun returns Run's result, failing when Run does not return in time.
func waitRun(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(waitFor):
		require.FailNow(t, "Run did not return", "within %v", waitFor)
		return nil
	}
}
