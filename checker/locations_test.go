package checker

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGroupNamesTheGoroutines(t *testing.T) {
	at := Location{Goroutine: 7, File: "/src/m/main.go", Line: 14}
	for role, want := range map[string]string{
		"write":     "write by 3 goroutines at main.go:14",
		"started":   "3 goroutines started at main.go:14",
		"panic":     "3 goroutines panicked at main.go:14",
		"deferred":  "deferred at main.go:14",
		"chan send": "3 goroutines in chan send at main.go:14",
	} {
		l := at
		l.Role = role
		assert.Equal(t, want, l.Group(3), role)
	}
	at.Role = "write"
	assert.Equal(t, "write by goroutine 7 at main.go:14", at.Group(1))
}
