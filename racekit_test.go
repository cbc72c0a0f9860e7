package racekit

import (
	"io/fs"
	"os"
	"path"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShippedLayout checks that Shipped is laid out as a fresh clone:
// each exercise's program under exercises/, next to its tests.
func TestShippedLayout(t *testing.T) {
	for _, name := range []string{"go.mod", "go.sum", "racetest/leak.go", "racetest/marker/marker.go", "exercises/info.toml",
		"exercises/01_wait_for_workers/main.go", "exercises/01_wait_for_workers/main_test.go", "exercises/01_wait_for_workers/README.md"} {
		_, err := fs.Stat(Shipped, name)
		assert.NoError(t, err, name)
	}
	_, err := fs.Stat(Shipped, "shipped")
	assert.ErrorIs(t, err, fs.ErrNotExist, "shipped/ is laid out under exercises/")
}

// TestExercisesAsShipped checks, for the kit's authors, that the programs
// in exercises/ are the ones in shipped/: an edit of one must be made to
// the other. A student's working copy differs on purpose, so the check
// runs only where RACEKIT_CHECK_SHIPPED=1 (.ci/run sets it on a clean
// clone).
func TestExercisesAsShipped(t *testing.T) {
	if os.Getenv("RACEKIT_CHECK_SHIPPED") != "1" {
		t.Skip("set RACEKIT_CHECK_SHIPPED=1 to compare exercises/ with shipped/ (a solved working copy differs)")
	}
	dirs, err := fs.ReadDir(files, "shipped")
	require.NoError(t, err)
	for _, d := range dirs {
		code, err := fs.ReadDir(files, path.Join("shipped", d.Name()))
		require.NoError(t, err)
		for _, f := range code {
			want, _ := fs.ReadFile(files, path.Join("shipped", d.Name(), f.Name()))
			got, err := os.ReadFile(path.Join("exercises", d.Name(), f.Name()))
			if assert.NoError(t, err) {
				assert.Equal(t, string(want), string(got), "exercises/%s/%s differs from shipped/%s/%s: copy the one you edited over the other", d.Name(), f.Name(), d.Name(), f.Name())
			}
		}
	}
}
