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
	"text/tabwriter"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/duration"
	"k8s.io/apimachinery/pkg/util/wait"

	"github.com/kcp-dev/logicalcluster/v3"

	"github.com/kcp-dev/kcp/config"
	workloadv1alpha1 "github.com/kcp-dev/kcp/pkg/apis/workload/v1alpha1"
	workloadclientset "github.com/kcp-dev/kcp/sdk/client/clientset/versioned/cluster"
	"github.com/kcp-dev/kcp/test/e2e/framework"
)

// createDemo makes workspace root:demo, binds it to the export, creates the
// valid sample SyncTarget there and waits for the controller to mark it Ready.
func createDemo(ctx context.Context, kcp *framework.KCP) (logicalcluster.Path, error) {
	base, err := kcp.BaseConfig()
	if err != nil {
		return logicalcluster.Path{}, err
	}
	fmt.Println("Creating workspace root:demo and binding it to the workload.kcp.io APIExport ...")
	demo, err := framework.CreateWorkspace(ctx, base, logicalcluster.NewPath("root"), "demo")
	if err != nil {
		return demo, err
	}
	if err := framework.BindAPIExport(ctx, base, demo, logicalcluster.NewPath("root"), "workload.kcp.io"); err != nil {
		return demo, err
	}

	sample, err := validSample()
	if err != nil {
		return demo, err
	}
	client, err := workloadclientset.NewForConfig(base)
	if err != nil {
		return demo, err
	}
	syncTargets := client.Cluster(demo).WorkloadV1alpha1().SyncTargets()
	if _, err := syncTargets.Create(ctx, sample, metav1.CreateOptions{}); err != nil {
		return demo, fmt.Errorf("creating the sample SyncTarget: %w", err)
	}
	fmt.Printf("Created SyncTarget %s in %s; waiting for the controller to mark it Ready ...\n\n", sample.Name, demo)

	var st *workloadv1alpha1.SyncTarget
	err = wait.PollUntilContextTimeout(ctx, 200*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
		st, err = syncTargets.Get(ctx, sample.Name, metav1.GetOptions{})
		return err == nil && meta.IsStatusConditionTrue(st.Status.Conditions, workloadv1alpha1.ReadyCondition), err
	})
	if err != nil {
		return demo, fmt.Errorf("waiting for SyncTarget %s to become Ready: %w", sample.Name, err)
	}
	printTable(st)
	return demo, nil
}

func validSample() (*workloadv1alpha1.SyncTarget, error) {
	files, err := config.Load(config.SamplesDir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Name == "valid-synctarget.yaml" {
			st := &workloadv1alpha1.SyncTarget{}
			return st, runtime.DefaultUnstructuredConverter.FromUnstructured(f.Object.Object, st)
		}
	}
	return nil, fmt.Errorf("the sample valid-synctarget.yaml is not embedded")
}

// printTable prints the SyncTarget with the CRD's printer columns, as kubectl does.
func printTable(st *workloadv1alpha1.SyncTarget) {
	ready := "Unknown"
	if c := meta.FindStatusCondition(st.Status.Conditions, workloadv1alpha1.ReadyCondition); c != nil {
		ready = string(c.Status)
	}
	lastSync := "<none>"
	if st.Status.LastSyncTime != nil {
		lastSync = duration.HumanDuration(time.Since(st.Status.LastSyncTime.Time))
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 8, 3, ' ', 0)
	_, _ = fmt.Fprintln(w, "NAME\tKCP CLUSTER\tREADY\tLAST SYNC\tAGE")
	_, _ = fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", st.Name, st.Spec.KCPCluster, ready, lastSync,
		duration.HumanDuration(time.Since(st.CreationTimestamp.Time)))
	_ = w.Flush()
}
