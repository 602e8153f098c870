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

package features

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/component-base/featuregate"
)

func TestSyncTargetControllerIsAlphaAndOffByDefault(t *testing.T) {
	t.Parallel()

	require.False(t, DefaultFeatureGate.Enabled(SyncTargetController), "an alpha gate is off unless asked for")
	spec := featureSpecAtEmulationVersion(defaultVersionedGenericControlPlaneFeatureGates[SyncTargetController],
		utilfeature.DefaultMutableFeatureGate.EmulationVersion())
	require.NotNil(t, spec, "the gate has a spec at the emulated version")
	require.Equal(t, featuregate.Alpha, spec.PreRelease)
	require.False(t, spec.Default)
	require.True(t, slices.Contains(KnownFeatures(), string(SyncTargetController)), "--feature-gates knows the gate")
}
