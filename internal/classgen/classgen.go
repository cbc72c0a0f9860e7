// Package classgen writes a generated class of student submissions: copies
// of the kit as shipped, each solving a random half of the exercises with
// the kit's own fixes. The bench times grade batch over it, and the batch
// equality check grades it both in a batch and one student at a time.
package classgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/pristine"
)

// HostileStudent is the name of the class's last student, whose
// submission is hostile: one exercise never returns from its package's
// init and another prints without end, on top of a solved half.
const HostileStudent = "s99-hostile"

// Options says what a generated class holds.
type Options struct {
	// Students is the size of the class, the hostile student included.
	Students int
	// Seed picks what each student solves, and with which fix: the same
	// seed writes the same class.
	Seed uint64
	// Wrong lets a student hand in one of the kit's wrong fixes too
	// (solutions/NN_slug/wrong/NAME), not only the fixes that pass.
	Wrong bool
}

// Write writes the class into dir from the kit at root (whose solutions/
// it reads) and returns the students' folders, in order.
func Write(root, dir string, opts Options) ([]string, error) {
	exercises, err := os.ReadDir(filepath.Join(root, "solutions"))
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range exercises {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) < 2 {
		return nil, fmt.Errorf("%s: fewer than two exercises with solutions", root)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed))
	var students []string
	for i := range opts.Students {
		name := fmt.Sprintf("s%02d", i+1)
		if i == opts.Students-1 {
			name = HostileStudent
		}
		sdir := filepath.Join(dir, name)
		if _, err := pristine.Write(sdir, racekit.Shipped); err != nil {
			return nil, err
		}
		for _, k := range rng.Perm(len(names))[:len(names)/2] {
			ex := names[k]
			fixes, err := FixesOf(filepath.Join(root, "solutions", ex), opts.Wrong)
			if err != nil {
				return nil, err
			}
			if err := copyFile(fixes[rng.IntN(len(fixes))], filepath.Join(sdir, "exercises", ex, "main.go")); err != nil {
				return nil, err
			}
		}
		if name == HostileStudent {
			if err := writeHostile(sdir, names[0], "func init() {\n\tfor {\n\t}\n}\n"); err != nil {
				return nil, err
			}
			if err := writeHostile(sdir, names[1], "func init() {\n\tfor {\n\t\tprintln(\"flood flood flood flood flood flood flood flood\")\n\t}\n}\n"); err != nil {
				return nil, err
			}
		}
		students = append(students, sdir)
	}
	return students, nil
}

// FixesOf lists the main.go files of an exercise's solutions folder: its
// main solution and every variant, and with wrong its wrong fixes too,
// except those whose want file names more than one verdict: their verdict
// depends on the schedule, so a class holding one could not be graded the
// same in a batch and alone.
func FixesOf(dir string, wrong bool) ([]string, error) {
	fixes := []string{filepath.Join(dir, "main.go")}
	more, err := filepath.Glob(filepath.Join(dir, "*", "main.go"))
	if err != nil {
		return nil, err
	}
	for _, f := range more {
		if filepath.Base(filepath.Dir(f)) != "wrong" {
			fixes = append(fixes, f)
		}
	}
	if wrong {
		ws, err := filepath.Glob(filepath.Join(dir, "wrong", "*", "main.go"))
		if err != nil {
			return nil, err
		}
		for _, w := range ws {
			if len(kit.WantOf(filepath.Dir(w))) <= 1 {
				fixes = append(fixes, w)
			}
		}
	}
	return fixes, nil
}

// packageClause matches a Go file's package clause.
var packageClause = regexp.MustCompile(`(?m)^package (\w+)`)

// writeHostile adds a file with body to an exercise of a student's folder,
// in the package of the exercise's main.go.
func writeHostile(sdir, exercise, body string) error {
	exDir := filepath.Join(sdir, "exercises", exercise)
	data, err := os.ReadFile(filepath.Join(exDir, "main.go"))
	if err != nil {
		return err
	}
	m := packageClause.FindSubmatch(data)
	if m == nil {
		return fmt.Errorf("%s: no package clause", exDir)
	}
	return os.WriteFile(filepath.Join(exDir, "hostile.go"), []byte("package "+string(m[1])+"\n\n"+body), 0o644)
}

// copyFile copies the file src to dst.
func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}
