package release

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit"
)

func TestInstallVersion(t *testing.T) {
	for _, tt := range []struct {
		version, install string
		devel            bool
	}{
		{version: "v1.2.3", install: "v1.2.3"},
		{version: "v1.2.3-rc.1", install: "v1.2.3-rc.1"},
		{version: "v0.0.0-20261201000000-abcdefabcdef", install: "v0.0.0-20261201000000-abcdefabcdef"},
		{version: "devel", install: "latest", devel: true},
		{version: "devel 0123456789ab", install: "latest", devel: true},
		{version: "", install: "latest", devel: true},
		{version: "v1.2.3; true", install: "latest", devel: true},
	} {
		t.Run(tt.version, func(t *testing.T) {
			install, devel := InstallVersion(tt.version)
			assert.Equal(t, tt.install, install)
			assert.Equal(t, tt.devel, devel)
		})
	}
}

// TestWrite writes releases of the kit as shipped: what they hold, what
// they leave out, and when they refuse a folder.
func TestWrite(t *testing.T) {
	for _, tt := range []struct {
		name    string
		version string
		force   bool
		// before are files in the folder before the release is written.
		before  map[string]string
		wantErr error
		install string
	}{
		{name: "a release", version: "v1.2.3", install: "v1.2.3"},
		{name: "a development build", version: "devel 0123456789ab", install: "latest"},
		{name: "a folder that is not empty", version: "v1.2.3", before: map[string]string{"notes.txt": "mine"}, wantErr: ErrNotEmpty},
		{name: "forced", version: "v1.2.3", force: true, before: map[string]string{"notes.txt": "mine", "README.md": "old"}, install: "v1.2.3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "rel")
			for name, text := range tt.before {
				require.NoError(t, os.MkdirAll(dir, 0o755))
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
			}
			res, err := Write(dir, racekit.Shipped, Options{Version: tt.version, Force: tt.force})
			if tt.wantErr != nil {
				assert.True(t, errors.Is(err, tt.wantErr), "got %v", err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.install, res.Install)
			assert.Equal(t, tt.install == "latest", res.Devel)
			for _, name := range []string{"go.mod", "go.sum", "exercises/info.toml", "racetest/racetest.go", "README.md", ".gitignore", WorkflowPath,
				"exercises/01_wait_for_workers/main.go", "exercises/01_wait_for_workers/main_test.go", "exercises/01_wait_for_workers/README.md"} {
				assert.Contains(t, res.Files, name)
				assert.FileExists(t, filepath.Join(dir, filepath.FromSlash(name)))
			}
			for _, name := range res.Files {
				assert.False(t, strings.HasPrefix(name, "solutions/") || strings.HasPrefix(name, "shipped/") || strings.HasPrefix(name, "cmd/"), name)
			}
			readme, err := os.ReadFile(filepath.Join(dir, "README.md"))
			require.NoError(t, err)
			assert.Contains(t, string(readme), "go install github.com/racekit/racekit/cmd/grade@"+tt.install+"\n")
			workflow, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(WorkflowPath)))
			require.NoError(t, err)
			assert.Contains(t, string(workflow), "go install github.com/racekit/racekit/cmd/grade@"+tt.install+"\n")
			if _, ok := tt.before["notes.txt"]; ok {
				assert.FileExists(t, filepath.Join(dir, "notes.txt"), "--force leaves the other files")
			}
		})
	}
}

// TestFilesLeavesOutSolutions keeps anything but go.mod, go.sum, racetest
// and the exercises out of a release, whatever the kit holds.
func TestFilesLeavesOutSolutions(t *testing.T) {
	kit := fstest.MapFS{
		"go.mod":                           {Data: []byte("module github.com/racekit/racekit\n")},
		"go.sum":                           {},
		"racetest/racetest.go":             {Data: []byte("package racetest\n")},
		"exercises/info.toml":              {Data: []byte(catalogText)},
		"exercises/01_x/main.go":           {Data: []byte("package main\n")},
		"exercises/01_x/README.md":         {},
		"exercises/01_x/solutions/main.go": {},
		"exercises/01_x/solution.go":       {},
		"solutions/01_x/main.go":           {},
		"shipped/01_x/main.go":             {},
		"cmd/grade/main.go":                {},
		"internal/release/release.go":      {},
		"checker/checker.go":               {},
	}
	files, err := Files(kit, "v1.2.3", false)
	require.NoError(t, err)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	assert.ElementsMatch(t, []string{"go.mod", "go.sum", "racetest/racetest.go", "exercises/info.toml", "exercises/01_x/main.go", "exercises/01_x/README.md",
		"README.md", ".gitignore", WorkflowPath}, names)
}

// catalogText is a catalog of one exercise.
const catalogText = `[[exercises]]
name = "01_x"
title = "a bug"
bug = "data race"
fix = "sync.Mutex"
verdict = "race"
hints = ["one", "two", "three"]
`
