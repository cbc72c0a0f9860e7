package main

import (
	"context"
	"flag"
	"io"

	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
)

// defineRun is grade run: one exercise, explained.
func defineRun(fs *flag.FlagSet) func(a *app, args []string) error {
	format := formatFlag(fs)
	reports := reportFlag(fs)
	hints := fs.Int("hints", 1, "how many `hints` to show (0 to 3)")
	verbose := fs.Bool("verbose", false, "also print the raw output, runtime and race detector frames included")
	return func(a *app, args []string) error {
		if len(args) != 1 {
			return usagef("run takes one exercise: grade run NAME|NUMBER")
		}
		out, err := a.outputs(*format, *reports)
		if err != nil {
			return err
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		return a.grading(out, func(ctx context.Context, g *grading.Grader) (*report.Document, error) {
			exs, err := findExercises(g.Catalog(), args)
			if err != nil {
				return nil, err
			}
			doc, err := g.Grade(ctx, grading.Request{Command: "run", Root: root, Exercises: exs, Verbose: *verbose})
			if err == nil {
				a.record(root, doc)
			}
			return doc, err
		}, func(w io.Writer, doc *report.Document) error {
			r := doc.Results[0]
			report.Explain(w, r, report.Detail{Title: r.Title, Hints: *hints, Verbose: *verbose})
			return nil
		})
	}
}
