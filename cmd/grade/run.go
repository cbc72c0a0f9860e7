package main

import (
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/report"
)

// run grades one exercise and explains it.
func (a *app) run(args []string) error {
	fs := a.flags("run")
	format := formatFlag(fs)
	hints := fs.Int("hints", 1, "how many hints to show (0 to 3)")
	verbose := fs.Bool("verbose", false, "also print the raw output, runtime and race detector frames included")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("run takes one exercise: grade run NAME|NUMBER")
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	k, err := a.openKit()
	if err != nil {
		return err
	}
	ex, ok := k.Catalog.Find(rest[0])
	if !ok {
		return usagef("no exercise %q: 'grade list' shows them", rest[0])
	}
	ctx, cancel := signalContext()
	defer cancel()
	results, err := gradeExercises(ctx, k, []catalog.Exercise{ex}, *verbose)
	if err != nil {
		return err
	}
	return a.finish(results, *format, func(report.Document) error {
		report.Explain(a.stdout, results[0], report.Detail{Title: ex.Title, Hints: *hints, Verbose: *verbose})
		return nil
	})
}
