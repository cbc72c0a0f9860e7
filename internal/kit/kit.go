// Package kit ties racekit's catalog to a working copy on disk: it finds
// the kit's folder, lists an exercise's solutions, checks that exercises,
// solutions and catalog mirror each other, and names every file of the
// working copy that differs from the kit as shipped.
package kit

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
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

// WrongDir is the folder under solutions/NN_slug that holds the wrong
// fixes: wrong/NAME/ with the code and a file "want" naming the verdict
// the fix must get on every run (or, for a fix whose verdict depends on
// the schedule, the verdicts one of which it must get on every run).
const WrongDir = "wrong"

// Variants lists an exercise's solutions: "" for solutions/NN_slug itself,
// then each sub-folder holding Go files, in order (the wrong fixes are not
// solutions).
func (k *Kit) Variants(ex catalog.Exercise) []string {
	variants := []string{""}
	entries, _ := os.ReadDir(k.Path(ex.SolutionDir()))
	for _, e := range entries {
		if !e.IsDir() || e.Name() == WrongDir {
			continue
		}
		if files, _ := goFiles(k.onDisk(), path.Join(ex.SolutionDir(), e.Name())); len(files) > 0 {
			variants = append(variants, e.Name())
		}
	}
	return variants
}

// Wrong is a wrong fix of an exercise, kept to prove that the grader
// refuses it.
type Wrong struct {
	// Dir is its kit-relative folder: solutions/NN_slug/wrong/NAME.
	Dir string
	// Want is what its "want" file names: the verdict it must get on
	// every run, or, for a half fix that a test catches on some schedules
	// and a rule on the others, the verdicts ("fail rule") one of which
	// it must get on every run. Nil when the file is missing, or names
	// pass or something that is not a verdict.
	Want []checker.Verdict
}

// Wrongs lists an exercise's wrong fixes, in order.
func (k *Kit) Wrongs(ex catalog.Exercise) []Wrong {
	var ws []Wrong
	dir := path.Join(ex.SolutionDir(), WrongDir)
	entries, _ := os.ReadDir(k.Path(dir))
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		w := Wrong{Dir: path.Join(dir, e.Name())}
		w.Want = WantOf(k.Path(w.Dir))
		ws = append(ws, w)
	}
	return ws
}

// WantOf reads the want file of the wrong fix in folder dir (a path on
// disk): the verdicts it names, nil when there is none or it is not
// valid. See Wrong.Want.
func WantOf(dir string) []checker.Verdict {
	data, _ := os.ReadFile(filepath.Join(dir, "want"))
	return parseWant(string(data))
}

// parseWant reads a want file: failing verdicts separated by spaces or
// lines, each named once. It returns nil if any is not a failing verdict.
func parseWant(text string) []checker.Verdict {
	var want []checker.Verdict
	for _, f := range strings.Fields(text) {
		v, err := checker.ParseVerdict(f)
		if err != nil || v == checker.Pass || slices.Contains(want, v) {
			return nil
		}
		want = append(want, v)
	}
	return want
}

// goFiles lists the .go files directly in the folder dir of fsys, sorted.
func goFiles(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// onDisk is the working copy as a file system, for goFiles.
func (k *Kit) onDisk() fs.FS { return os.DirFS(k.Root) }
