package kit

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/racekit/racekit/internal/catalog"
)

// Problem is one way the kit's folders and catalog disagree.
type Problem struct {
	// Name is the exercise (or folder) it is about.
	Name string
	// Path is the kit-relative path it is about.
	Path    string
	Problem string
}

// Layout checks the kit as shipped: that each exercise has its program,
// tests and README, that its README lists the catalog's hints and its code
// has a TODO marker (all read from the files embedded in the grader, so a
// student's edits do not count), and that its solutions on disk have the
// same code files and no tests. With all, it also reports exercise and
// solution folders the catalog does not list.
func Layout(k *Kit, exercises []catalog.Exercise, all bool) []Problem {
	var ps []Problem
	add := func(name, p, format string, args ...any) {
		ps = append(ps, Problem{Name: name + "/layout", Path: p, Problem: fmt.Sprintf(format, args...)})
	}
	for _, ex := range exercises {
		exFiles, err := goFiles(k.Shipped, ex.Dir())
		if err != nil {
			add(ex.Name, ex.Dir(), "%s is not shipped with this grader", ex.Dir())
			continue
		}
		code := codeFiles(exFiles)
		if len(code) == len(exFiles) {
			add(ex.Name, ex.Dir(), "%s has no _test.go file", ex.Dir())
		}
		todo := false
		for _, name := range code {
			data, _ := fs.ReadFile(k.Shipped, path.Join(ex.Dir(), name))
			todo = todo || strings.Contains(string(data), "TODO")
		}
		if !todo {
			add(ex.Name, ex.Dir(), "%s has no TODO marker where the student works", ex.Dir())
		}
		readme, err := fs.ReadFile(k.Shipped, path.Join(ex.Dir(), "README.md"))
		if err != nil {
			add(ex.Name, ex.Dir(), "%s/README.md is missing", ex.Dir())
		}
		for i, h := range ex.Hints {
			if err == nil && !strings.Contains(string(readme), h) {
				add(ex.Name, ex.Dir(), "README.md does not give hint %d as the catalog does", i+1)
			}
		}
		for _, w := range k.Wrongs(ex) {
			if len(w.Want) == 0 {
				add(ex.Name, w.Dir, "%s/want must name the failing verdict the wrong fix gets (race, exit, rule, ...), or the verdicts one of which it gets when that depends on the schedule (fail rule)", w.Dir)
			}
		}
		dirs := []string{}
		for _, v := range k.Variants(ex) {
			dirs = append(dirs, path.Join(ex.SolutionDir(), v))
		}
		for _, w := range k.Wrongs(ex) {
			dirs = append(dirs, w.Dir)
		}
		for _, dir := range dirs {
			solFiles, err := goFiles(k.onDisk(), dir)
			if err != nil {
				add(ex.Name, dir, "%s is missing", dir)
				continue
			}
			if got := codeFiles(solFiles); !slices.Equal(got, code) {
				add(ex.Name, dir, "%s has files %v, the exercise %v", dir, got, code)
			}
			if len(codeFiles(solFiles)) != len(solFiles) {
				add(ex.Name, dir, "%s holds test files: solutions use the exercise's tests", dir)
			}
		}
	}
	if all {
		shipped, _ := fs.ReadDir(k.Shipped, "exercises")
		onDisk, _ := os.ReadDir(k.Path("solutions"))
		for top, entries := range map[string][]fs.DirEntry{"exercises": shipped, "solutions": onDisk} {
			for _, e := range entries {
				if _, ok := k.Catalog.Find(e.Name()); e.IsDir() && !ok {
					add(e.Name(), path.Join(top, e.Name()), "%s/%s is not in %s", top, e.Name(), catalog.File)
				}
			}
		}
	}
	return ps
}

// codeFiles keeps the names that are not test files.
func codeFiles(names []string) []string {
	var code []string
	for _, n := range names {
		if !strings.HasSuffix(n, "_test.go") {
			code = append(code, n)
		}
	}
	return code
}
