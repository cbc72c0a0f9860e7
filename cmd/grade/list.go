package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
)

// defineList is grade list: every exercise with its status, bug class and
// the primitive that fixes it.
func defineList(fs *flag.FlagSet) func(a *app, args []string) error {
	format := formatFlag(fs)
	return func(a *app, args []string) error {
		if len(args) > 0 {
			return usagef("list takes no arguments")
		}
		out, err := a.outputs(*format, nil)
		if err != nil {
			return err
		}
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		var g *grading.Grader
		err = a.grading(out, func(ctx context.Context, gr *grading.Grader) (*report.Document, error) {
			g = gr
			doc, err := g.Grade(ctx, grading.Request{Command: "list", Root: root})
			if err == nil {
				a.record(root, doc)
			}
			return doc, err
		}, func(w io.Writer, doc *report.Document) error {
			current := slices.IndexFunc(doc.Results, func(r report.Result) bool { return !r.Passed })
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "  exercise\tstatus\tbug\tfix")
			for i, ex := range g.Catalog().Exercises {
				status := "pending: " + string(doc.Results[i].Verdict)
				if doc.Results[i].Passed {
					status = "done"
				}
				mark := " "
				if i == current {
					mark = "▶"
				}
				fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\n", mark, ex.Name, status, ex.Bug, ex.Fix)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(w, "\n%s\n%d of %d done\n", bar(doc.Passed, doc.Total), doc.Passed, doc.Total)
			if current >= 0 {
				ex := g.Catalog().Exercises[current]
				fmt.Fprintf(w, "current: %s · %s: grade run %s\n", ex.Name, ex.Title, shortName(ex))
			}
			return nil
		})
		if errors.Is(err, errNotPassed) {
			return nil // a list is not a grade: pending exercises are normal
		}
		return err
	}
}
