//go:build go1.22

package keepbuildline // want `the shipped file starts with //go:build go1.21: keep it`
