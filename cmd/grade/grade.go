package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
)

// defineGradeAll is grade with no command: every exercise, a summary, then
// the first one that does not pass, explained.
func defineGradeAll(fs *flag.FlagSet) func(a *app, args []string) error {
	format := formatFlag(fs)
	return func(a *app, args []string) error {
		if len(args) > 0 {
			return usagef("unknown command %q", args[0])
		}
		if err := checkFormat(*format); err != nil {
			return err
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		return a.grading(*format, func(ctx context.Context, g *grading.Grader) (*report.Document, error) {
			doc, err := g.Grade(ctx, grading.Request{Command: "grade", Root: root})
			if err == nil {
				a.record(root, doc)
			}
			return doc, err
		}, func(doc *report.Document) error {
			report.Summary(a.stdout, doc)
			for _, r := range doc.Results {
				if !r.Passed {
					fmt.Fprintln(a.stdout)
					report.Explain(a.stdout, r, report.Detail{Title: r.Title, Hints: 1})
					break
				}
			}
			return nil
		})
	}
}
