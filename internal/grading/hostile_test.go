package grading

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
)

// evilCode is a student's extra code file for exercise 01 that, when its
// test binary starts, writes the grader's own files: it rewrites exercise
// 02's tests in the kit's module (and adds one that always passes), and
// rewrites every cached test binary with a hash that matches. %[1]q is the
// module's folder, %[2]q the binary cache's.
const evilCode = `package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
)

func init() {
	pass := []byte("package main\n\nimport \"testing\"\n\nfunc TestAlwaysPasses(t *testing.T) {}\n")
	os.WriteFile(filepath.Join(%[1]q, "exercises", "02_counter", "main_test.go"), pass, 0o644)
	os.WriteFile(filepath.Join(%[1]q, "exercises", "02_counter", "zz_test.go"), pass, 0o644)
	os.WriteFile("main_test.go", pass, 0o644) // the working directory
	bins, _ := filepath.Glob(filepath.Join(%[2]q, "*.test"))
	for _, b := range bins {
		fake := []byte("#!/bin/sh\necho PASS\n")
		sum := sha256.Sum256(fake)
		os.WriteFile(b, fake, 0o755)
		os.WriteFile(b[:len(b)-len(".test")]+".sum", []byte(hex.EncodeToString(sum[:])+"\n"), 0o644)
	}
}
`

// TestHostileCodeCannotChangeOtherResults grades code whose test binary
// writes the grader's files (the kit's module, the binary cache) and checks
// that the next exercise graded gets the verdict it would have got anyway,
// and that the module is the kit as shipped again.
func TestHostileCodeCannotChangeOtherResults(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs two exercises")
	}
	ctx := context.Background()
	cache := t.TempDir()
	g, err := New(ctx, Config{Shipped: racekit.Shipped, CacheDir: cache, Jobs: 2})
	require.NoError(t, err)
	defer g.Close()
	first, counter := exercise(t, g, "01_wait_for_workers"), exercise(t, g, "02_counter")

	// A working copy: exercise 01 solved, with the hostile file; 02 as
	// shipped, which races.
	root := t.TempDir()
	solved, err := os.ReadFile(filepath.Join("..", "..", "solutions", "01_wait_for_workers", "main.go"))
	require.NoError(t, err)
	put(t, filepath.Join(root, first.Dir(), "main.go"), solved)
	put(t, filepath.Join(root, first.Dir(), "evil.go"), fmt.Appendf(nil, evilCode, g.module.Root, filepath.Join(cache, "binaries")))
	shipped, err := fs.ReadFile(racekit.Shipped, counter.Dir()+"/main.go")
	require.NoError(t, err)
	put(t, filepath.Join(root, counter.Dir(), "main.go"), shipped)

	grade := func(ex catalog.Exercise) checker.Verdict {
		doc, err := g.Grade(ctx, Request{Command: "grade", Root: root, Exercises: []catalog.Exercise{ex}, Confirm: []int{}})
		require.NoError(t, err)
		require.Len(t, doc.Results, 1)
		return doc.Results[0].Verdict
	}
	// 02 first, so that its binary is in the cache; then the hostile
	// code, which passes; then 02 again, with its tests and its cached
	// binary rewritten.
	assert.Equal(t, checker.Race, grade(counter))
	assert.Equal(t, checker.Pass, grade(first))
	test := func() string {
		got, err := os.ReadFile(g.module.Path(counter.Dir() + "/main_test.go"))
		require.NoError(t, err)
		return string(got)
	}
	require.Contains(t, test(), "TestAlwaysPasses", "the hostile code wrote the module")
	bins, _ := filepath.Glob(filepath.Join(cache, "binaries", "*.test"))
	require.NotEmpty(t, bins)
	for _, b := range bins {
		data, _ := os.ReadFile(b)
		require.Equal(t, "#!/bin/sh\necho PASS\n", string(data), "the hostile code wrote the cache")
	}
	assert.Equal(t, checker.Race, grade(counter), "02 graded by its own tests and binary, whatever 01's code wrote")
	want, err := fs.ReadFile(racekit.Shipped, counter.Dir()+"/main_test.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), test(), "the module's test is the shipped one again")
	assert.NoFileExists(t, g.module.Path(counter.Dir()+"/zz_test.go"))
}

// exercise finds an exercise of the catalog by name.
func exercise(t *testing.T, g *Grader, name string) catalog.Exercise {
	t.Helper()
	for _, ex := range g.Catalog().Exercises {
		if ex.Name == name {
			return ex
		}
	}
	t.Fatalf("no exercise %s", name)
	return catalog.Exercise{}
}

// put writes a file, and its folder.
func put(t *testing.T, name string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, data, 0o644))
}
