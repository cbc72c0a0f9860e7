package kit

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit/internal/catalog"
)

var shipped = fstest.MapFS{
	"go.mod":                      {Data: []byte("module example.com/kit\n")},
	"go.sum":                      {Data: []byte("example.com/a v1 h1:x\n")},
	"exercises/info.toml":         {Data: []byte("# catalog\n")},
	"exercises/01_x/main.go":      {Data: []byte("package main\n")},
	"exercises/01_x/main_test.go": {Data: []byte("package main\n\n// test\n")},
	"racetest/leak.go":            {Data: []byte("package racetest\n")},
	"racetest/marker/marker.go":   {Data: []byte("package marker\n")},
}

// copyKit writes the shipped files into a fresh working copy.
func copyKit(t *testing.T) *Kit {
	t.Helper()
	root := filepath.Join(t.TempDir(), "kit")
	for name, f := range shipped {
		p := filepath.Join(root, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, f.Data, 0o644))
	}
	return &Kit{Root: root, Shipped: shipped, Catalog: &catalog.Catalog{Exercises: []catalog.Exercise{{Name: "01_x"}}}}
}

func TestTampered(t *testing.T) {
	for _, tt := range []struct {
		name   string
		tamper func(k *Kit)
		want   []Warning
	}{
		{name: "untouched", tamper: func(*Kit) {}},
		{name: "student code is the student's", tamper: func(k *Kit) {
			write(t, k, "exercises/01_x/main.go", "package main // solved")
			write(t, k, "exercises/01_x/helper.go", "package main")
		}},
		{name: "CRLF line endings are not an edit", tamper: func(k *Kit) {
			write(t, k, "exercises/01_x/main_test.go", "package main\r\n\r\n// test\r\n")
		}},
		{name: "test edited", tamper: func(k *Kit) { write(t, k, "exercises/01_x/main_test.go", "package main") },
			want: []Warning{{"exercises/01_x/main_test.go", "edited; the grader uses the file as shipped"}}},
		{name: "test deleted", tamper: func(k *Kit) { remove(t, k, "exercises/01_x/main_test.go") },
			want: []Warning{{"exercises/01_x/main_test.go", "deleted; the grader uses the file as shipped"}}},
		{name: "test added", tamper: func(k *Kit) { write(t, k, "exercises/01_x/more_test.go", "package main") },
			want: []Warning{{"exercises/01_x/more_test.go", "not shipped with the kit; the grader leaves it out"}}},
		{name: "racetest edited, in a subfolder too", tamper: func(k *Kit) {
			write(t, k, "racetest/leak.go", "package racetest // off")
			write(t, k, "racetest/marker/marker.go", "package marker // off")
		}, want: []Warning{
			{"racetest/leak.go", "edited; the grader uses the file as shipped"},
			{"racetest/marker/marker.go", "edited; the grader uses the file as shipped"},
		}},
		{name: "racetest file added", tamper: func(k *Kit) { write(t, k, "racetest/off.go", "package racetest") },
			want: []Warning{{"racetest/off.go", "not shipped with the kit; the grader leaves it out"}}},
		{name: "module files and catalog", tamper: func(k *Kit) {
			write(t, k, "go.mod", "module example.com/kit\n\nreplace a => ./a\n")
			remove(t, k, "go.sum")
			write(t, k, "exercises/info.toml", "# mine\n")
		}, want: []Warning{
			{"go.mod", "edited; the grader uses its own copy"},
			{"go.sum", "deleted; the grader uses its own copy"},
			{"exercises/info.toml", "edited; the grader uses its own copy"},
		}},
		{name: "vendor folder", tamper: func(k *Kit) { write(t, k, "vendor/modules.txt", "") },
			want: []Warning{{"vendor", "a vendor folder; the grader ignores it and builds with the kit's own modules"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k := copyKit(t)
			tt.tamper(k)
			assert.Equal(t, tt.want, k.Tampered())
		})
	}
}

func TestTamperedGoWorkAbove(t *testing.T) {
	k := copyKit(t)
	work := filepath.Join(filepath.Dir(k.Root), "go.work")
	require.NoError(t, os.WriteFile(work, []byte("go 1.25\nuse ./kit\n"), 0o644))
	assert.Equal(t, []Warning{{filepath.ToSlash(work), "a go.work at or above the kit; the grader ignores it"}}, k.Tampered())
}

func write(t *testing.T, k *Kit, rel, data string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(k.Path(rel)), 0o755))
	require.NoError(t, os.WriteFile(k.Path(rel), []byte(data), 0o644))
}

func remove(t *testing.T, k *Kit, rel string) {
	t.Helper()
	require.NoError(t, os.Remove(k.Path(rel)))
}
