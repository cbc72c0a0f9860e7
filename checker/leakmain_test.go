package checker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLeakMainPackage checks which package the laid-over TestMain joins:
// the tests' own, never one that already declares a TestMain, and none
// when the package has a TestMain(m *testing.M) of its own.
func TestLeakMainPackage(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		pkg   string
		own   bool
		ok    bool
	}{
		{name: "internal tests", files: map[string]string{"a.go": "package a", "a_test.go": "package a"}, pkg: "a", ok: true},
		{name: "external tests only", files: map[string]string{"a.go": "package a", "a_test.go": "package a_test"}, pkg: "a_test", ok: true},
		{name: "both", files: map[string]string{"a.go": "package a", "a_test.go": "package a", "x_test.go": "package a_test"}, pkg: "a", ok: true},
		{name: "tests only", files: map[string]string{"a_test.go": "package leak"}, pkg: "leak", ok: true},
		{name: "main package", files: map[string]string{"main.go": "package main", "main_test.go": "package main"}, pkg: "main", ok: true},
		{name: "TestMain as a test", files: map[string]string{"a.go": "package a",
			"a_test.go": "package a\nimport \"testing\"\nfunc TestMain(t *testing.T) {}"}, pkg: "a_test", ok: true},
		{name: "own TestMain", files: map[string]string{"a.go": "package a",
			"a_test.go": "package a_test\nimport \"testing\"\nfunc TestMain(m *testing.M) { m.Run() }"}, own: true},
		{name: "does not parse", files: map[string]string{"a.go": "package a", "a_test.go": "package a\nfunc {"}},
		{name: "a file left out by its build line", files: map[string]string{"a.go": "package a", "a_test.go": "package a",
			"b_test.go": "//go:build ignore\n\npackage b"}, pkg: "a", ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pkg, own, ok := leakMainPackage(dir, nil)
			assert.Equal(t, tt.pkg, pkg)
			assert.Equal(t, tt.own, own)
			assert.Equal(t, tt.ok, ok)
		})
	}
}

// TestAddLeakMain checks the overlay that FindLeaks adds, and that a
// package with its own TestMain gets a note instead.
func TestAddLeakMain(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a_test.go"), []byte("package a\n"), 0o644)
	opts, notes, err := addLeakMain(t.TempDir(), dir, Options{Dir: dir})
	assert.NoError(t, err)
	assert.Empty(t, opts.Overlay, "no overlay without FindLeaks")
	assert.Empty(t, notes)

	opts, notes, err = addLeakMain(t.TempDir(), dir, Options{Dir: dir, FindLeaks: true})
	assert.NoError(t, err)
	assert.Empty(t, notes)
	src, err := os.ReadFile(opts.Overlay[filepath.Join(dir, LeakMainFile)])
	assert.NoError(t, err)
	assert.Contains(t, string(src), "package a\n")
	assert.Contains(t, string(src), "racekit: leak: goroutines are still running after the tests ended")

	os.WriteFile(filepath.Join(dir, "main_test.go"), []byte("package a\nimport \"testing\"\nfunc TestMain(m *testing.M) {}\n"), 0o644)
	opts, notes, err = addLeakMain(t.TempDir(), dir, Options{Dir: dir, FindLeaks: true})
	assert.NoError(t, err)
	assert.Empty(t, opts.Overlay)
	assert.Len(t, notes, 1)
}

// TestWrapOwnTestMain checks the rewrite of a package's own TestMain: its
// m.Run() and os.Exit go through the checker's wrappers, every line keeps
// its number, and a TestMain that hands m to something else is left alone.
func TestWrapOwnTestMain(t *testing.T) {
	tests := []struct {
		name string
		src  string
		ok   bool
		want []string
	}{
		{name: "exit with run", ok: true, src: "package a\nimport (\n\t\"os\"\n\t\"testing\"\n)\nfunc TestMain(m *testing.M) { os.Exit(m.Run()) }",
			want: []string{"func racekitTestMain(m *testing.M) { racekitExit(racekitRun(m)) }", "var _ = os.Exit"}},
		{name: "code then teardown", ok: true, src: "package a\nimport (\n\tx \"os\"\n\t\"testing\"\n)\nfunc TestMain(tm *testing.M) {\n\tcode := tm.Run()\n\tx.Remove(\"f\")\n\tx.Exit(code)\n}",
			want: []string{"\tcode := racekitRun(tm)\n\tx.Remove(\"f\")\n\tracekitExit(code)\n", "var _ = x.Exit"}},
		{name: "returns", ok: true, src: "package a\nimport \"testing\"\nfunc TestMain(m *testing.M) {\n\tm.Run()\n}",
			want: []string{"\tracekitRun(m)\n"}},
		{name: "goleak", src: "package a\nimport (\n\t\"testing\"\n\t\"go.uber.org/goleak\"\n)\nfunc TestMain(m *testing.M) { goleak.VerifyTestMain(m) }"},
		{name: "helper", src: "package a\nimport \"testing\"\nfunc TestMain(m *testing.M) { m.Run(); helper(m) }\nfunc helper(*testing.M) {}"},
		{name: "never runs", src: "package a\nimport \"testing\"\nfunc TestMain(m *testing.M) {}"},
		{name: "dot import of os", src: "package a\nimport (\n\t. \"os\"\n\t\"testing\"\n)\nfunc TestMain(m *testing.M) { Exit(m.Run()) }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "a_test.go"), []byte(tt.src+"\n"), 0o644)
			own, ok := wrapOwnTestMain(dir, nil)
			assert.Equal(t, tt.ok, ok)
			if !tt.ok {
				return
			}
			assert.Equal(t, filepath.Join(dir, "a_test.go"), own.file)
			assert.Equal(t, "a", own.pkg)
			got := string(own.src)
			for _, w := range tt.want {
				assert.Contains(t, got, w)
			}
			// The TestMain keeps its line, and so every line after it.
			line := func(s string, i int) int { return strings.Count(s[:i], "\n") }
			assert.Equal(t, line(tt.src, strings.Index(tt.src, "func TestMain")), line(got, strings.Index(got, "func racekitTestMain")))
		})
	}
}
