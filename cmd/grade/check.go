package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/racekit/racekit/internal/grading"
	"github.com/racekit/racekit/internal/report"
)

// defineCheck is grade check: any package directory, by its own tests.
func defineCheck(fs *flag.FlagSet) func(a *app, args []string) error {
	format := formatFlag(fs)
	reports := reportFlag(fs)
	timeout := fs.Duration("timeout", grading.DefaultCheckTimeout, "time `limit` for one run of the tests")
	repeat := fs.Int("repeat", grading.DefaultCheckRepeat, "`runs` of each package's tests at each CPU count")
	cpuFlag := fs.String("cpu", joinInts(grading.DefaultCheckCPU), "comma-separated GOMAXPROCS `values` to run the tests with")
	verbose := fs.Bool("verbose", false, "also print the raw output, runtime and race detector frames included")
	return func(a *app, args []string) error {
		if len(args) == 0 {
			return usagef("check takes one or more package directories: grade check DIR")
		}
		out, err := a.outputs(*format, *reports)
		if err != nil {
			return err
		}
		if *repeat < 1 {
			return usagef("--repeat must be at least 1")
		}
		cpus, err := parseCPUs(*cpuFlag)
		if err != nil {
			return err
		}
		return a.grading(out, func(ctx context.Context, g *grading.Grader) (*report.Document, error) {
			return g.Check(ctx, grading.CheckRequest{Dirs: args, Timeout: *timeout, Repeat: *repeat, CPU: cpus, Verbose: *verbose})
		}, func(w io.Writer, doc *report.Document) error {
			for i, r := range doc.Results {
				if i > 0 {
					fmt.Fprintln(w)
				}
				report.Explain(w, r, report.Detail{Verbose: *verbose})
			}
			return nil
		})
	}
}

// joinInts writes numbers as a comma-separated list: "1,2,4".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}
