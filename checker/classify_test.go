package checker

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOwnsLeavesOutTheKitHelpers(t *testing.T) {
	s := classifier{root: "/src/racekit"}
	assert.True(t, s.owns(Frame{Func: "github.com/racekit/racekit/exercises/01_wait_for_workers.run", File: "/src/racekit/exercises/01_wait_for_workers/main.go"}))
	assert.False(t, s.owns(Frame{Func: "github.com/racekit/racekit/racetest.Within", File: "/src/racekit/racetest/within.go"}))
	assert.False(t, s.owns(Frame{Func: "github.com/racekit/racekit/racetest/marker.Format", File: "/src/racekit/racetest/marker/marker.go"}))
	assert.False(t, s.owns(Frame{Func: "runtime.gopark", File: "/usr/local/go/src/runtime/proc.go"}))
}
