// Package learn holds what grade's learner commands do to a working copy
// of the kit, apart from grading it: putting an exercise's code back as
// shipped and reading its reference solution. It returns data and errors;
// it never prints.
package learn

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/racekit/racekit/internal/atomicfile"
	"github.com/racekit/racekit/internal/catalog"
)

// File is one file of an exercise or a solution.
type File struct {
	// Path is the file's slash path relative to the kit's root.
	Path string
	// Data is its content.
	Data []byte
}

// isCode reports whether name is a code file of an exercise: a Go file
// that is not a test.
func isCode(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}

// ShippedCode returns the exercise's code files as shipped.
func ShippedCode(shipped fs.FS, ex catalog.Exercise) ([]File, error) {
	entries, err := fs.ReadDir(shipped, ex.Dir())
	if err != nil {
		return nil, fmt.Errorf("%s is not in the kit as shipped: %w", ex.Dir(), err)
	}
	var files []File
	for _, e := range entries {
		if e.IsDir() || !isCode(e.Name()) {
			continue
		}
		p := path.Join(ex.Dir(), e.Name())
		data, err := fs.ReadFile(shipped, p)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: p, Data: data})
	}
	return files, nil
}

// Reset writes the exercise's code files as shipped into the working copy
// at root, each atomically, and returns them. Code files the student added
// are left as they are and returned as extra: they are still graded.
func Reset(root string, shipped fs.FS, ex catalog.Exercise) (restored []File, extra []string, err error) {
	files, err := ShippedCode(shipped, ex)
	if err != nil {
		return nil, nil, err
	}
	dir := filepath.Join(root, filepath.FromSlash(ex.Dir()))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	for _, f := range files {
		if err := atomicfile.Write(filepath.Join(root, filepath.FromSlash(f.Path)), f.Data, 0o644); err != nil {
			return nil, nil, err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		p := path.Join(ex.Dir(), e.Name())
		if !e.IsDir() && isCode(e.Name()) && !slices.ContainsFunc(files, func(f File) bool { return f.Path == p }) {
			extra = append(extra, p)
		}
	}
	return files, extra, nil
}

// Solution returns the reference solution of the exercise from the
// working copy at root: the Go files of solutions/NN_slug, then those of
// each variant folder under it (another fix that is also right).
func Solution(root string, ex catalog.Exercise) ([]File, error) {
	dir := filepath.Join(root, filepath.FromSlash(ex.SolutionDir()))
	var files []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("no solution of %s in this kit: %s cannot be read", ex.Name, ex.SolutionDir())
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no solution of %s in this kit: %s holds no Go file", ex.Name, ex.SolutionDir())
	}
	// The main solution first, then the variants in folder order.
	slices.SortStableFunc(files, func(a, b File) int {
		return strings.Count(a.Path, "/") - strings.Count(b.Path, "/")
	})
	return files, nil
}
