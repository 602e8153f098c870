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

package committer

import (
	"encoding/json"
	"errors"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"

	"k8s.io/apimachinery/pkg/api/equality"
)

// errMixedChange reports a reconcile that changed the status together with
// the metadata or the spec. They are written through different endpoints, so
// one patch cannot carry both; the controller must split its work.
var errMixedChange = errors.New("status changed together with metadata or spec")

// mergePatch returns the JSON merge patch from old to obj and the subresource
// to send it to, or a nil patch when nothing changed.
func mergePatch[Sp any, St any](old, obj *Resource[Sp, St]) ([]byte, []string, error) {
	statusChanged := !equality.Semantic.DeepEqual(old.Status, obj.Status)
	objectChanged := !equality.Semantic.DeepEqual(old.Spec, obj.Spec) ||
		!equality.Semantic.DeepEqual(old.ObjectMeta, obj.ObjectMeta)
	switch {
	case statusChanged && objectChanged:
		return nil, nil, errMixedChange
	case !statusChanged && !objectChanged:
		return nil, nil, nil
	}

	var before, after Resource[Sp, St]
	var subresources []string
	if statusChanged {
		before.Status, after.Status = old.Status, obj.Status
		subresources = []string{"status"}
	} else {
		before.ObjectMeta, before.Spec = old.ObjectMeta, old.Spec
		after.ObjectMeta, after.Spec = obj.ObjectMeta, obj.Spec
	}
	// Preconditions: absent before and set after, they appear in the patch.
	before.UID, before.ResourceVersion = "", ""
	after.UID, after.ResourceVersion = old.UID, old.ResourceVersion

	beforeJSON, err := json.Marshal(&before)
	if err != nil {
		return nil, nil, err
	}
	afterJSON, err := json.Marshal(&after)
	if err != nil {
		return nil, nil, err
	}
	patch, err := jsonpatch.CreateMergePatch(beforeJSON, afterJSON)
	if err != nil {
		return nil, nil, err
	}
	return patch, subresources, nil
}
