package pristine

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shipped is a small kit: a module with one exercise.
var shipped = fstest.MapFS{
	"go.mod":                         {Data: []byte("module example.com/kit\n\ngo 1.25\n")},
	"exercises/01_x/main.go":         {Data: []byte("package main\n")},
	"exercises/01_x/helper.go":       {Data: []byte("package main\n")},
	"exercises/01_x/main_test.go":    {Data: []byte("package main\n")},
	"exercises/01_x/README.md":       {Data: []byte("# x\n")},
	"racetest/racetest.go":           {Data: []byte("package racetest\n")},
	"racetest/marker/marker.go":      {Data: []byte("package marker\n")},
	"racetest/marker/marker_test.go": {Data: []byte("package marker\n")},
}

func TestWrite(t *testing.T) {
	root := t.TempDir()
	m, err := Write(root, shipped)
	require.NoError(t, err)
	for name, f := range shipped {
		got, err := os.ReadFile(m.Path(name))
		require.NoError(t, err)
		assert.Equal(t, string(f.Data), string(got), name)
	}
	// Writing again over an edited file puts the shipped one back.
	require.NoError(t, os.WriteFile(m.Path("racetest/racetest.go"), []byte("package evil\n"), 0o644))
	_, err = Write(root, shipped)
	require.NoError(t, err)
	got, _ := os.ReadFile(m.Path("racetest/racetest.go"))
	assert.Equal(t, "package racetest\n", string(got))
	// No temporary files are left behind.
	leftovers, _ := filepath.Glob(filepath.Join(root, "*", ".*.tmp-*"))
	assert.Empty(t, leftovers)
}

func TestWriteNeedsGoMod(t *testing.T) {
	_, err := Write(t.TempDir(), fstest.MapFS{"a.go": {Data: []byte("package a")}})
	assert.ErrorContains(t, err, "no go.mod")
}

func TestDigest(t *testing.T) {
	a, err := Digest(shipped)
	require.NoError(t, err)
	b, _ := Digest(shipped)
	assert.Equal(t, a, b, "the same files, the same digest")
	changed := fstest.MapFS{}
	for k, v := range shipped {
		changed[k] = v
	}
	changed["exercises/01_x/main_test.go"] = &fstest.MapFile{Data: []byte("package main // edited\n")}
	c, _ := Digest(changed)
	assert.NotEqual(t, a, c)
}

func TestOverlay(t *testing.T) {
	m, err := Write(t.TempDir(), shipped)
	require.NoError(t, err)
	path := func(name string) string { return m.Path("exercises/01_x/" + name) }
	for _, tt := range []struct {
		name    string
		student map[string]string // files in the student's folder
		links   []string          // symbolic links in the student's folder, each to a file outside it
		want    map[string]string // overlay: module file to student file name, "" to leave it out
	}{
		{
			name:    "the student's files replace the shipped code, tests stay",
			student: map[string]string{"main.go": "package main", "helper.go": "package main"},
			want:    map[string]string{"main.go": "main.go", "helper.go": "helper.go"},
		},
		{
			name:    "a shipped file the student deleted is left out, a new one is added",
			student: map[string]string{"main.go": "package main", "extra.go": "package main"},
			want:    map[string]string{"main.go": "main.go", "helper.go": "", "extra.go": "extra.go"},
		},
		{
			name:    "the student's tests and ignored files are not used",
			student: map[string]string{"main.go": "package main", "main_test.go": "package main", "_x.go": "", ".y.go": "", "notes.txt": ""},
			want:    map[string]string{"main.go": "main.go", "helper.go": ""},
		},
		{
			name:    "a symbolic link out of the folder is not read, not even as main.go",
			student: map[string]string{"helper.go": "package main"},
			links:   []string{"main.go", "extra.go"},
			want:    map[string]string{"main.go": "", "helper.go": "helper.go"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range tt.student {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644))
			}
			for _, name := range tt.links {
				outside := filepath.Join(t.TempDir(), "secret.go")
				require.NoError(t, os.WriteFile(outside, []byte("package main // secret"), 0o644))
				require.NoError(t, os.Symlink(outside, filepath.Join(dir, name)))
			}
			want := map[string]string{}
			for name, from := range tt.want {
				if from != "" {
					from = filepath.Join(dir, from)
				}
				want[path(name)] = from
			}
			got, err := m.Overlay("exercises/01_x", dir)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
	_, err = m.Overlay("exercises/01_x", filepath.Join(t.TempDir(), "gone"))
	assert.Error(t, err, "a missing folder")
	_, err = m.Overlay("exercises/99_nope", t.TempDir())
	assert.ErrorContains(t, err, "is not shipped")
}

// TestRepair tampers with the module as a test binary could, and checks
// that Repair notices and puts the kit as shipped back.
func TestRepair(t *testing.T) {
	for _, tt := range []struct {
		name   string
		tamper func(m *Module)
	}{
		{"a test rewritten", func(m *Module) {
			os.WriteFile(m.Path("exercises/01_x/main_test.go"), []byte("package main // always passes\n"), 0o644)
		}},
		{"a test rewritten and put back", func(m *Module) {
			p := m.Path("exercises/01_x/main_test.go")
			os.WriteFile(p, []byte("package main // always passes\n"), 0o644)
			os.WriteFile(p, []byte("package main\n"), 0o644)
		}},
		{"a test added", func(m *Module) {
			os.WriteFile(m.Path("exercises/01_x/zz_test.go"), []byte("package main\n"), 0o644)
		}},
		{"a folder added", func(m *Module) {
			os.MkdirAll(m.Path("exercises/01_x/testdata/deep"), 0o755)
			os.WriteFile(m.Path("exercises/01_x/testdata/deep/x"), []byte("x"), 0o644)
		}},
		{"a file removed", func(m *Module) { os.Remove(m.Path("racetest/racetest.go")) }},
		{"a file made a link", func(m *Module) {
			p := m.Path("racetest/racetest.go")
			os.Remove(p)
			os.Symlink(m.Path("exercises/01_x/main.go"), p)
		}},
		{"go.mod replaced", func(m *Module) {
			os.WriteFile(m.Path("go.mod"), []byte("module example.com/kit\n\ngo 1.25\n\nreplace x => ../x\n"), 0o644)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Write(t.TempDir(), shipped)
			require.NoError(t, err)
			touched, err := m.Repair()
			require.NoError(t, err)
			assert.False(t, touched, "nothing changed yet")
			tt.tamper(m)
			touched, err = m.Repair()
			require.NoError(t, err)
			assert.True(t, touched)
			assertShipped(t, m)
			touched, err = m.Repair()
			require.NoError(t, err)
			assert.False(t, touched, "repaired: nothing changed since")
		})
	}
}

// assertShipped checks that the module holds exactly the shipped files.
func assertShipped(t *testing.T, m *Module) {
	t.Helper()
	var found []string
	filepath.WalkDir(m.Root, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 {
			rel, _ := filepath.Rel(m.Root, p)
			found = append(found, filepath.ToSlash(rel))
		}
		return nil
	})
	var want []string
	for name, f := range shipped {
		want = append(want, name)
		got, err := os.ReadFile(m.Path(name))
		require.NoError(t, err)
		assert.Equal(t, string(f.Data), string(got), name)
	}
	assert.ElementsMatch(t, want, found)
}
