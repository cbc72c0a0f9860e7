package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
)

// defineCheck is grade check: any package directory, by its own tests.
func defineCheck(fs *flag.FlagSet) func(a *app, args []string) error {
	format := formatFlag(fs)
	timeout := fs.Duration("timeout", checker.DefaultTimeout, "time `limit` for one run of the tests")
	verbose := fs.Bool("verbose", false, "also print the raw output, runtime and race detector frames included")
	return func(a *app, args []string) error {
		if len(args) == 0 {
			return usagef("check takes one or more package directories: grade check DIR")
		}
		if err := checkFormat(*format); err != nil {
			return err
		}
		return a.grading(*format, func(ctx context.Context, g *grading.Grader) (*report.Document, error) {
			return g.Check(ctx, grading.CheckRequest{Dirs: args, Timeout: *timeout, Verbose: *verbose})
		}, func(doc *report.Document) error {
			for i, r := range doc.Results {
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				report.Explain(a.stdout, r, report.Detail{Verbose: *verbose})
			}
			return nil
		})
	}
}
