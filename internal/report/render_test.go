package report

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fatih/color"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/checker"
)

var update = flag.Bool("update", false, "rewrite the golden renderings in testdata/render")

// recordedRoot is the module root as the recordings name it.
const recordedRoot = "/racekit"

// recordings are the recorded runs each rendering is made from: every
// shipped exercise (testdata/record.sh) and the checker's fixture for
// each verdict (checker/testdata/record.sh).
var recordings = []string{"testdata/runs/*.jsonl", "../../checker/testdata/events/*.jsonl"}

// TestRendering replays each recorded run, renders it as grade run shows
// it (colour off) and compares the text with testdata/render/NAME.golden.
// Refresh with: go test ./internal/report -run TestRendering -update
func TestRendering(t *testing.T) {
	color.NoColor = true
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	// The exercises are quoted as shipped, whatever the working copy
	// holds (a student may have solved them); the checker's fixtures from
	// disk.
	readFile := func(p string) ([]byte, error) {
		rel, ok := strings.CutPrefix(p, recordedRoot+"/")
		if !ok {
			return os.ReadFile(p)
		}
		if strings.HasPrefix(rel, "exercises/") {
			return fs.ReadFile(racekit.Shipped, rel)
		}
		return os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	}
	var files []string
	for _, pattern := range recordings {
		matches, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, matches, "no recordings match %s", pattern)
		files = append(files, matches...)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		if strings.Contains(file, "checker/testdata") {
			name = "fixture-" + name
		}
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(file)
			require.NoError(t, err)
			defer f.Close()
			run, err := checker.Replay(f, checker.Recording{Root: recordedRoot, ReadFile: readFile})
			require.NoError(t, err)
			res := &checker.Result{Verdict: run.Verdict, Message: run.Message, Tests: run.Tests, Output: run.Output}
			r := FromChecker(name, Paths{Root: recordedRoot}, res)
			verbose := name == "08_abandoned_worker"
			if verbose {
				r.AddOutput(res)
			}
			var buf bytes.Buffer
			Explain(&buf, r, Detail{Hints: 0, Verbose: verbose})
			golden(t, filepath.Join("testdata", "render", name+".golden"), buf.Bytes())
		})
	}
}

// TestRenderingStatic grades the checker's fixtures whose verdict comes
// from static checks (a build error, go vet, a broken rule) with the real
// toolchain, and compares their renderings with testdata/render.
func TestRenderingStatic(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the toolchain; skipped with -short")
	}
	color.NoColor = true
	ctx := context.Background()
	tc, err := checker.FindToolchain(ctx)
	require.NoError(t, err)
	c := checker.New(tc, 0)
	noScheduler, ok := checker.LookupRule("no-scheduler")
	require.True(t, ok)
	for _, tt := range []struct {
		dir   string
		rules []checker.StaticRule
	}{{dir: "build"}, {dir: "vet"}, {dir: "rule", rules: []checker.StaticRule{noScheduler}}} {
		t.Run(tt.dir, func(t *testing.T) {
			res, err := c.Check(ctx, checker.Options{Dir: filepath.Join("../../checker/testdata/fixtures", tt.dir), Rules: tt.rules})
			require.NoError(t, err)
			var buf bytes.Buffer
			Explain(&buf, FromChecker("fixture-"+tt.dir, Paths{}, res), Detail{})
			golden(t, filepath.Join("testdata", "render", "static-"+tt.dir+".golden"), buf.Bytes())
		})
	}
}

// golden compares got with a golden file, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "go test ./internal/report -run TestRendering -update")
	assert.Equal(t, string(want), string(got))
}
