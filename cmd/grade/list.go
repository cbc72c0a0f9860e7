package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
			return g.Grade(ctx, grading.Request{Command: "list", Root: root})
		}, func(w io.Writer, doc *report.Document) error {
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "exercise\tstatus\tbug\tfix")
			for i, ex := range g.Catalog().Exercises {
				status := string(doc.Results[i].Verdict)
				if doc.Results[i].Passed {
					status = "done"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ex.Name, status, ex.Bug, ex.Fix)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(w, "\n%d of %d done\n", doc.Passed, doc.Total)
			return nil
		})
		if errors.Is(err, errNotPassed) {
			return nil // a list is not a grade: pending exercises are normal
		}
		return err
	}
}
