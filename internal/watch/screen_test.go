package watch

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrap(t *testing.T) {
	lines := Wrap("  cause: one two three four five six\n\x1b[1mshort\x1b[0m\n\tx", 16)
	assert.Equal(t, []string{"  cause: one two", "    three four", "    five six", "\x1b[1mshort\x1b[0m", "    x"}, lines)
	for _, l := range Wrap("averyveryverylongwordwithoutspaces and more", 10) {
		assert.LessOrEqual(t, Width(l), 10, l)
	}
	assert.Equal(t, []string{"a", "b", "… more"}, Clip([]string{"a", "b", "c", "d"}, 3, "… more"))
	assert.Equal(t, []string{"a"}, Clip([]string{"a"}, 3, "… more"))
}

func TestRelevant(t *testing.T) {
	assert.True(t, Relevant("/k/exercises/01/main.go"))
	for _, name := range []string{"main.go~", ".main.go.swp", "#main.go#", "README.md", "4913"} {
		assert.False(t, Relevant(name), name)
	}
}

// TestFiles saves a file the ways editors do: written twice, and written
// to a temporary file renamed over it. Each save is one change.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "main.go")
	require.NoError(t, os.WriteFile(main, []byte("package main\n"), 0o644))
	f, err := NewFiles(50 * time.Millisecond)
	if err != nil {
		t.Skipf("cannot watch files here: %v", err)
	}
	defer f.Close()
	require.NoError(t, f.Watch(dir))

	expectOne := func(what string) {
		t.Helper()
		select {
		case name := <-f.Changes():
			assert.Equal(t, main, name, what)
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: no change reported", what)
		}
		select {
		case name := <-f.Changes():
			t.Fatalf("%s: a second change reported: %s", what, name)
		case <-time.After(200 * time.Millisecond):
		}
	}
	require.NoError(t, os.WriteFile(main, []byte("package main\n// 1\n"), 0o644))
	require.NoError(t, os.WriteFile(main, []byte("package main\n// 2\n"), 0o644))
	expectOne("a double write")

	tmp := filepath.Join(dir, ".main.go.tmp")
	require.NoError(t, os.WriteFile(tmp, []byte("package main\n// 3\n"), 0o644))
	require.NoError(t, os.Rename(tmp, main))
	expectOne("a save by rename")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644))
	select {
	case name := <-f.Changes():
		t.Fatalf("a change to a file that is not Go reported: %s", name)
	case <-time.After(200 * time.Millisecond):
	}
}
