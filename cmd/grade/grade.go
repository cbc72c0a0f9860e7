package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
)

// defineGradeAll is grade with no command: every exercise, a summary, then
// the first one that does not pass, explained.
func defineGradeAll(fs *flag.FlagSet) func(a *app, args []string) error {
	format := formatFlag(fs)
	reports := reportFlag(fs)
	return func(a *app, args []string) error {
		if len(args) > 0 {
			return usagef("unknown command %q", args[0])
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
			doc, err := g.Grade(ctx, grading.Request{Command: "grade", Root: root})
			if err == nil {
				a.record(root, doc)
			}
			return doc, err
		}, func(w io.Writer, doc *report.Document) error {
			report.Summary(w, doc)
			for _, r := range doc.Results {
				if !r.Passed {
					fmt.Fprintln(w)
					report.Explain(w, r, report.Detail{Title: r.Title, Hints: 1})
					break
				}
			}
			return nil
		})
	}
}
