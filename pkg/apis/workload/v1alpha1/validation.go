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

package v1alpha1

import (
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kcp-dev/logicalcluster/v3"
)

// The bounds below are the same as the CRD schema's (see the markers on
// SyncTargetSpec): the Go validation and the schema must agree.
const (
	// MaxKCPClusterLength bounds spec.kcpCluster.
	MaxKCPClusterLength = 512
	// MaxSupportedAPIExports bounds the number of spec.supportedAPIExports.
	MaxSupportedAPIExports = 64
	// MaxAPIExportReferenceLength bounds one spec.supportedAPIExports entry.
	MaxAPIExportReferenceLength = 253
)

// ValidateSyncTargetSpec checks a spec against the same rules the CRD schema
// enforces at admission. An empty list means the spec is valid.
func ValidateSyncTargetSpec(spec *SyncTargetSpec, fldPath *field.Path) field.ErrorList {
	allErrs := ValidateKCPCluster(spec.KCPCluster, fldPath.Child("kcpCluster"))
	return append(allErrs, ValidateSupportedAPIExports(spec.SupportedAPIExports, fldPath.Child("supportedAPIExports"))...)
}

// ValidateKCPCluster checks that value is a logical cluster path such as
// "root:org:team". The wildcard "*" names no single cluster and is refused.
func ValidateKCPCluster(value string, fldPath *field.Path) field.ErrorList {
	switch {
	case value == "":
		return field.ErrorList{field.Required(fldPath, "a logical cluster path such as \"root:org:team\" is required")}
	case len(value) > MaxKCPClusterLength:
		return field.ErrorList{field.TooLong(fldPath, value, MaxKCPClusterLength)}
	case !isClusterPath(value):
		return field.ErrorList{field.Invalid(fldPath, value,
			"must be a logical cluster path: colon-separated lower-case alphanumeric segments of at most 63 characters, '-' allowed inside, e.g. \"root:org:team\"")}
	}
	return nil
}

// ValidateSupportedAPIExports checks every entry is "<export>" or
// "<workspace path>:<export>", with no duplicates and within the bounds. A
// valid list costs no allocation: the controller checks it on every reconcile.
func ValidateSupportedAPIExports(refs []string, fldPath *field.Path) field.ErrorList {
	var allErrs field.ErrorList
	var seen sets.Set[string] // only for lists too long to scan for duplicates
	if len(refs) > MaxSupportedAPIExports {
		allErrs = append(allErrs, field.TooMany(fldPath, len(refs), MaxSupportedAPIExports))
		seen = sets.New[string]()
	}
	for i, ref := range refs {
		var duplicate bool
		if seen != nil {
			duplicate = seen.Has(ref)
			seen.Insert(ref)
		} else {
			duplicate = slices.Contains(refs[:i], ref)
		}
		if duplicate {
			allErrs = append(allErrs, field.Duplicate(fldPath.Index(i), ref))
			continue
		}
		if err := validateAPIExportReference(ref, fldPath, i); err != nil {
			allErrs = append(allErrs, err)
		}
	}
	return allErrs
}

// validateAPIExportReference checks refs[i]; it builds the field path of the
// entry only when reporting an error.
func validateAPIExportReference(ref string, fldPath *field.Path, i int) *field.Error {
	if ref == "" {
		return field.Required(fldPath.Index(i), "an APIExport reference such as \"root:org:my-export\" is required")
	}
	if len(ref) > MaxAPIExportReferenceLength {
		return field.TooLong(fldPath.Index(i), ref, MaxAPIExportReferenceLength)
	}
	name := ref
	if j := strings.LastIndex(ref, ":"); j >= 0 {
		if !isClusterPath(ref[:j]) {
			return field.Invalid(fldPath.Index(i), ref, "the workspace path before the last ':' must be a logical cluster path such as \"root:org\"")
		}
		name = ref[j+1:]
	}
	if msgs := validation.IsDNS1123Subdomain(name); len(msgs) > 0 {
		return field.Invalid(fldPath.Index(i), ref, "the APIExport name must be a DNS-1123 subdomain: "+strings.Join(msgs, "; "))
	}
	return nil
}

// isClusterPath reports whether s is a concrete logical cluster path.
func isClusterPath(s string) bool {
	p := logicalcluster.NewPath(s)
	return p.IsValid() && p != logicalcluster.Wildcard
}
