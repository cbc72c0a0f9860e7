package main

import (
	"errors"
	"fmt"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/progress"
	"github.com/racekit/racekit/internal/report"
)

// loadProgress reads the learner's progress in the kit at root. A corrupt
// state file is said in one line and read as empty: grading rebuilds it.
func (a *app) loadProgress(root string) *progress.State {
	s, err := progress.Load(root)
	switch {
	case errors.Is(err, progress.ErrCorrupt):
		fmt.Fprintf(a.stderr, "grade: warning: %s is unreadable; it will be rebuilt by grading\n", progress.File)
	case err != nil:
		fmt.Fprintf(a.stderr, "grade: warning: %s: %v\n", progress.File, err)
	}
	return s
}

// saveProgress writes the learner's progress; a state file that cannot be
// written is a warning, not a failure of the command.
func (a *app) saveProgress(root string, s *progress.State) {
	if err := s.Save(root); err != nil {
		fmt.Fprintf(a.stderr, "grade: warning: progress not saved: %v\n", err)
	}
}

// record keeps which of the graded exercises passed.
func (a *app) record(root string, doc *report.Document) {
	s := a.loadProgress(root)
	for _, r := range doc.Results {
		s.SetDone(r.Name, r.Passed)
	}
	a.saveProgress(root, s)
}

// loadCatalog reads the catalog embedded in grade, without the toolchain.
func loadCatalog() (*catalog.Catalog, error) {
	return catalog.Load(racekit.Shipped)
}

// findExercise resolves one exercise name or number.
func findExercise(cat *catalog.Catalog, command string, args []string) (catalog.Exercise, error) {
	if len(args) != 1 {
		return catalog.Exercise{}, usagef("%s takes one exercise: grade %s NAME|NUMBER", command, command)
	}
	exs, err := findExercises(cat, args)
	if err != nil {
		return catalog.Exercise{}, err
	}
	return exs[0], nil
}

// names returns the catalog's exercise names in order.
func names(cat *catalog.Catalog) []string {
	ns := make([]string, len(cat.Exercises))
	for i, ex := range cat.Exercises {
		ns[i] = ex.Name
	}
	return ns
}

// shortName is how grade's suggestions name an exercise: its number, "01".
func shortName(ex catalog.Exercise) string {
	return fmt.Sprintf("%02d", ex.Number())
}

// bar draws the progress bar line, one cell per exercise up to 40.
func bar(done, total int) string {
	return progress.Bar(done, total, min(total, 40))
}
