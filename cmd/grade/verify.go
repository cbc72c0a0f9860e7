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

// defineVerify is grade verify, the kit's self-check: every exercise as
// shipped gets its declared verdict on every run, every solution passes on
// every run.
func defineVerify(fs *flag.FlagSet) func(a *app, args []string) error {
	format := formatFlag(fs)
	reports := reportFlag(fs)
	repeat := fs.Int("repeat", 5, "`runs` of each exercise and solution at each CPU count")
	cpuFlag := fs.String("cpu", "1,2,4", "comma-separated GOMAXPROCS `values` to run the tests with")
	return func(a *app, names []string) error {
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
		root, err := a.kitRoot()
		if err != nil {
			return err
		}
		return a.grading(out, func(ctx context.Context, g *grading.Grader) (*report.Document, error) {
			exs, err := findExercises(g.Catalog(), names)
			if err != nil {
				return nil, err
			}
			return g.Verify(ctx, grading.VerifyRequest{Root: root, Exercises: exs, Repeat: *repeat, CPU: cpus})
		}, func(w io.Writer, doc *report.Document) error {
			report.Summary(w, doc)
			fmt.Fprintf(w, "(%d runs each: --repeat %d at --cpu %s)\n\n", *repeat*len(cpus), *repeat, *cpuFlag)
			return report.WriteReliability(w, doc.Reliability)
		})
	}
}

// parseCPUs parses a comma-separated list of positive numbers.
func parseCPUs(s string) ([]int, error) {
	var cpus []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, usagef("--cpu %q: want a comma-separated list of positive numbers, e.g. 1,2,4", s)
		}
		cpus = append(cpus, n)
	}
	return cpus, nil
}
