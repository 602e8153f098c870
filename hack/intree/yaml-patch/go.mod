// yaml-patch at kcp's pin, buildable from the module proxy: v0.0.11 imports
// the library module github.com/krishicks/yaml-patch, whose v0.0.11 is refused.
module github.com/kcp-dev/kcp/hack/intree/yaml-patch

go 1.26

tool github.com/pivotal-cf/yaml-patch/cmd/yaml-patch

require (
	github.com/jessevdk/go-flags v1.6.1 // indirect
	github.com/krishicks/yaml-patch v0.0.10 // indirect
	github.com/onsi/ginkgo v1.16.5 // indirect
	github.com/onsi/gomega v1.44.0 // indirect
	github.com/pivotal-cf/yaml-patch v0.0.11 // indirect
	golang.org/x/sys v0.21.0 // indirect
	gopkg.in/yaml.v2 v2.4.0 // indirect
)
