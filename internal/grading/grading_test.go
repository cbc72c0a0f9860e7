package grading

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/kit"
)

func TestIgnoredSettings(t *testing.T) {
	for _, tt := range []struct {
		environ []string
		want    []kit.Warning
	}{
		{environ: []string{"PATH=/bin", "HOME=/root"}},
		{environ: []string{"GOFLAGS=", "GOTOOLCHAIN=local", "GOTOOLCHAIN=auto", "GOWORK=off"}},
		{environ: []string{"GOFLAGS=-race=false"}, want: []kit.Warning{{File: "GOFLAGS", Message: `set to "-race=false" in the environment; the grader ignores it and builds with its own settings`}}},
		{environ: []string{"GOTOOLCHAIN=go1.21.0"}, want: []kit.Warning{{File: "GOTOOLCHAIN", Message: `set to "go1.21.0" in the environment; the grader ignores it and builds with its own settings`}}},
		{environ: []string{"GOWORK=/tmp/go.work"}, want: []kit.Warning{{File: "GOWORK", Message: `set to "/tmp/go.work" in the environment; the grader ignores it and builds with its own settings`}}},
	} {
		assert.Equal(t, tt.want, ignoredSettings(tt.environ), "%v", tt.environ)
	}
}

func TestBinaryCacheSizeFor(t *testing.T) {
	assert.Equal(t, checker.DefaultBinaryCacheSize, BinaryCacheSizeFor(35, 1), "one kit: the default")
	assert.Equal(t, 35*20, BinaryCacheSizeFor(35, 20), "a class: one binary per exercise and student")
	assert.Equal(t, MaxBinaryCacheSize, BinaryCacheSizeFor(35, 500), "capped")
}
