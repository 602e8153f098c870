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

package config

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

func TestLoadRefusesWhatItCannotUse(t *testing.T) {
	t.Parallel()

	fsys := fstest.MapFS{
		"ok/a.yaml":          {Data: []byte("kind: ConfigMap\nmetadata:\n  name: a\n")},
		"broken/a.yaml":      {Data: []byte("kind: [unclosed\n")},
		"anonymous/a.yaml":   {Data: []byte("kind: ConfigMap\n")},
		"kindless/a.yaml":    {Data: []byte("metadata:\n  name: a\n")},
		"empty/notyaml.json": {Data: []byte("{}")},
	}
	tests := map[string]struct {
		dir     string
		wantErr string
	}{
		"one object per file":       {dir: "ok"},
		"an unknown directory":      {dir: "nope", wantErr: `no manifests embedded under "nope"`},
		"a directory without YAML":  {dir: "empty", wantErr: `no manifests embedded under "empty"`},
		"YAML that does not decode": {dir: "broken", wantErr: "decoding broken/a.yaml:"},
		"an object without a name":  {dir: "anonymous", wantErr: "decoding anonymous/a.yaml: kind and metadata.name are required"},
		"an object without a kind":  {dir: "kindless", wantErr: "decoding kindless/a.yaml: kind and metadata.name are required"},
		"a bad pattern":             {dir: "[", wantErr: "syntax error in pattern"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			files, err := load(fsys, tc.dir)
			if tc.wantErr != "" {
				require.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Len(t, files, 1)
			require.Equal(t, "a.yaml", files[0].Name)
			require.Equal(t, "ConfigMap", files[0].Object.GetKind())
		})
	}
}

func TestLoadEmbedded(t *testing.T) {
	t.Parallel()

	_, err := Load("nope")
	require.ErrorContains(t, err, `no manifests embedded under "nope"`)
	files, err := Load(SamplesDir)
	require.NoError(t, err)
	require.NotEmpty(t, files)
}
