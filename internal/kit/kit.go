// Package kit ties racekit's catalog to the exercises on disk: it finds the
// kit's folder, and turns an exercise (or one of its solutions) into the
// checker's options, with the tests as shipped laid over whatever the
// working copy holds.
package kit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
)

// Kit is a racekit working copy: the student's files on disk, and the
// exercises as shipped.
type Kit struct {
	// Root is the working copy's top folder, the one holding exercises/.
	Root string
	// Shipped holds the catalog and the exercises as shipped.
	Shipped fs.FS
	// Catalog lists the exercises.
	Catalog *catalog.Catalog
}

// ErrNoKit is returned when no folder holds exercises/info.toml.
var ErrNoKit = errors.New("not inside a racekit folder (no " + catalog.File + " here or above)")

// FindRoot returns the nearest folder at or above start that holds the
// catalog.
func FindRoot(start string) (string, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(catalog.File))); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoKit
		}
		dir = parent
	}
}

// Open reads the catalog from shipped and pairs it with the working copy at
// root.
func Open(root string, shipped fs.FS) (*Kit, error) {
	cat, err := catalog.Load(shipped)
	if err != nil {
		return nil, err
	}
	return &Kit{Root: root, Shipped: shipped, Catalog: cat}, nil
}

// Path returns the absolute path of a kit-relative slash path.
func (k *Kit) Path(rel string) string {
	return filepath.Join(k.Root, filepath.FromSlash(rel))
}

// Options returns the checker's options for grading the exercise as it is
// on disk. Its test files are replaced by the shipped ones (and test files
// the kit does not ship are left out), so that editing the tests does not
// change the grade. Files it writes go under tmp.
func (k *Kit) Options(ex catalog.Exercise, tmp string) (checker.Options, error) {
	dir := k.Path(ex.Dir())
	overlay, err := k.shippedTests(ex, dir, tmp)
	if err != nil {
		return checker.Options{}, err
	}
	baseline, err := k.shippedCode(ex, tmp)
	if err != nil {
		return checker.Options{}, err
	}
	return checker.Options{
		Dir:      dir,
		Overlay:  overlay,
		Timeout:  ex.Limit(),
		Rules:    ex.StaticRules(),
		Baseline: baseline,
	}, nil
}

// SolutionOptions returns the checker's options for grading a solution:
// the exercise's package with its code replaced by the solution's files.
// variant is "" for the main solution or the name of a variant folder.
func (k *Kit) SolutionOptions(ex catalog.Exercise, variant, tmp string) (checker.Options, error) {
	opts, err := k.Options(ex, tmp)
	if err != nil {
		return opts, err
	}
	solDir := k.Path(path.Join(ex.SolutionDir(), variant))
	code, err := goFiles(solDir)
	if err != nil {
		return opts, fmt.Errorf("solution %s: %w", path.Join(ex.SolutionDir(), variant), err)
	}
	// The solution's files replace the exercise's code files one for one.
	existing, _ := goFiles(opts.Dir)
	for _, name := range existing {
		if !strings.HasSuffix(name, "_test.go") {
			opts.Overlay[filepath.Join(opts.Dir, name)] = ""
		}
	}
	for _, name := range code {
		if !strings.HasSuffix(name, "_test.go") {
			opts.Overlay[filepath.Join(opts.Dir, name)] = filepath.Join(solDir, name)
		}
	}
	return opts, nil
}

// Variants lists an exercise's solutions: "" for solutions/NN_slug itself,
// then each sub-folder holding Go files, in order.
func (k *Kit) Variants(ex catalog.Exercise) []string {
	variants := []string{""}
	entries, _ := os.ReadDir(k.Path(ex.SolutionDir()))
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if files, _ := goFiles(k.Path(path.Join(ex.SolutionDir(), e.Name()))); len(files) > 0 {
			variants = append(variants, e.Name())
		}
	}
	return variants
}

// shippedTests builds the overlay that puts the shipped test files in dir
// and leaves out any other test file.
func (k *Kit) shippedTests(ex catalog.Exercise, dir, tmp string) (map[string]string, error) {
	overlay := map[string]string{}
	onDisk, _ := goFiles(dir)
	for _, name := range onDisk {
		if strings.HasSuffix(name, "_test.go") {
			overlay[filepath.Join(dir, name)] = ""
		}
	}
	shipped, err := fs.ReadDir(k.Shipped, ex.Dir())
	if err != nil {
		return nil, fmt.Errorf("exercise %s is not shipped with this grader: %w", ex.Name, err)
	}
	copyDir := filepath.Join(tmp, "shipped", ex.Name)
	for _, e := range shipped {
		if !strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		dst, err := k.copyShipped(path.Join(ex.Dir(), e.Name()), copyDir)
		if err != nil {
			return nil, err
		}
		overlay[filepath.Join(dir, e.Name())] = dst
	}
	return overlay, nil
}

// shippedCode writes the exercise's shipped code files to a folder under
// tmp, the baseline for rules that compare against it.
func (k *Kit) shippedCode(ex catalog.Exercise, tmp string) (string, error) {
	dst := filepath.Join(tmp, "baseline", ex.Name)
	shipped, err := fs.ReadDir(k.Shipped, ex.Dir())
	if err != nil {
		return "", err
	}
	for _, e := range shipped {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			if _, err := k.copyShipped(path.Join(ex.Dir(), e.Name()), dst); err != nil {
				return "", err
			}
		}
	}
	return dst, nil
}

// copyShipped copies one shipped file into dir and returns its path.
func (k *Kit) copyShipped(name, dir string) (string, error) {
	data, err := fs.ReadFile(k.Shipped, name)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, path.Base(name))
	return dst, os.WriteFile(dst, data, 0o644)
}

// goFiles lists the .go files directly in dir, sorted.
func goFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}
