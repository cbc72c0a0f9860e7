package learn

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit/internal/catalog"
)

var ex = catalog.Exercise{Name: "01_wait_for_workers"}

func TestReset(t *testing.T) {
	shipped := fstest.MapFS{
		"exercises/01_wait_for_workers/main.go":      {Data: []byte("package main // shipped\n")},
		"exercises/01_wait_for_workers/main_test.go": {Data: []byte("package main // test\n")},
		"exercises/01_wait_for_workers/README.md":    {Data: []byte("# 01\n")},
	}
	root := t.TempDir()
	dir := filepath.Join(root, "exercises", "01_wait_for_workers")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main // edited\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "helper.go"), []byte("package main // added\n"), 0o644))

	restored, extra, err := Reset(root, shipped, ex)
	require.NoError(t, err)
	require.Len(t, restored, 1, "only code files are restored")
	assert.Equal(t, "exercises/01_wait_for_workers/main.go", restored[0].Path)
	assert.Equal(t, []string{"exercises/01_wait_for_workers/helper.go"}, extra)
	data, err := os.ReadFile(filepath.Join(dir, "main.go"))
	require.NoError(t, err)
	assert.Equal(t, "package main // shipped\n", string(data))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file left, the added file kept")

	_, _, err = Reset(root, shipped, catalog.Exercise{Name: "99_none"})
	assert.Error(t, err)
}

func TestSolution(t *testing.T) {
	root := t.TempDir()
	_, err := Solution(root, ex)
	assert.ErrorContains(t, err, "no solution of 01_wait_for_workers in this kit")

	dir := filepath.Join(root, "solutions", "01_wait_for_workers")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "channel"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "channel", "main.go"), []byte("// variant\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte("// main\n"), 0o644))
	files, err := Solution(root, ex)
	require.NoError(t, err)
	require.Len(t, files, 2)
	assert.Equal(t, "solutions/01_wait_for_workers/main.go", files[0].Path, "the main solution first")
	assert.Equal(t, "solutions/01_wait_for_workers/channel/main.go", files[1].Path)
}
