package main

import (
	"context"
	"flag"
	"fmt"
	"path"
	"strings"

	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/learn"
	"github.com/racekit/racekit/internal/report"
)

// defineSolution is grade solution: the reference solution of an
// exercise, once the student's code passes (it is graded first), or at
// once with --force.
func defineSolution(fs *flag.FlagSet) func(a *app, args []string) error {
	force := fs.Bool("force", false, "show the solution without grading, even before the exercise passes")
	return func(a *app, args []string) error {
		cat, err := loadCatalog()
		if err != nil {
			return err
		}
		ex, err := findExercise(cat, "solution", args)
		if err != nil {
			return err
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		if !*force {
			if err := a.requirePass(root, ex); err != nil {
				return err
			}
		}
		files, err := learn.Solution(root, ex)
		if err != nil {
			return hinted{err, "the solutions are in the racekit repository's solutions/ folder"}
		}
		writeSolution(a, ex, files)
		return nil
	}
}

// requirePass grades the exercise and refuses unless it passes.
func (a *app) requirePass(root string, ex catalog.Exercise) error {
	var doc *report.Document
	err := a.withGrader(func(ctx context.Context, g *grading.Grader) (err error) {
		doc, err = g.Grade(ctx, grading.Request{Command: "run", Root: root, Exercises: []catalog.Exercise{ex}})
		return err
	})
	if err != nil {
		return err
	}
	a.warn(doc)
	a.record(root, doc)
	if r := doc.Results[0]; !r.Passed {
		return refused{fmt.Sprintf("%s does not pass yet (%s): its solution is shown once it passes", ex.Name, r.Verdict),
			fmt.Sprintf("run 'grade run %s' to see what is wrong, or 'grade solution %s --force' to see it anyway", shortName(ex), shortName(ex))}
	}
	return nil
}

// writeSolution prints the solution's files, each under its path; a
// variant (another fix that is also right) says so.
func writeSolution(a *app, ex catalog.Exercise, files []learn.File) {
	for i, f := range files {
		if i > 0 {
			fmt.Fprintln(a.stdout)
		}
		note := ""
		if path.Dir(f.Path) != ex.SolutionDir() {
			note = " (another fix that is also right)"
		}
		fmt.Fprintf(a.stdout, "// %s%s\n%s", f.Path, note, f.Data)
		if !strings.HasSuffix(string(f.Data), "\n") {
			fmt.Fprintln(a.stdout)
		}
	}
}
