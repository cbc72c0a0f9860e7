package main

import (
	"context"
	"fmt"
	"os"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/report"
)

// gradeAll grades every exercise in order: a summary, then the first one
// that does not pass, explained.
func (a *app) gradeAll(args []string) error {
	fs := a.flags("")
	format := formatFlag(fs)
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unknown command %q", rest[0])
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	k, err := a.openKit()
	if err != nil {
		return err
	}
	ctx, cancel := signalContext()
	defer cancel()
	results, err := gradeExercises(ctx, k, k.Catalog.Exercises, false)
	if err != nil {
		return err
	}
	return a.finish(results, *format, func(doc report.Document) error {
		report.Summary(a.stdout, doc)
		for i, r := range results {
			if !r.Passed {
				fmt.Fprintln(a.stdout)
				report.Explain(a.stdout, r, report.Detail{Title: k.Catalog.Exercises[i].Title, Hints: 1})
				break
			}
		}
		return nil
	})
}

// gradeExercises grades exercises as they are on disk, several at once,
// and returns their results in order; verbose keeps the raw output.
func gradeExercises(ctx context.Context, k *kit.Kit, exercises []catalog.Exercise, verbose bool) ([]report.Result, error) {
	c, err := newChecker(ctx)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "racekit-grade-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	all := make([]checker.Options, len(exercises))
	for i, ex := range exercises {
		if all[i], err = k.Options(ex, tmp); err != nil {
			return nil, fmt.Errorf("%s: %w", ex.Name, err)
		}
		all[i].BinaryCache = binaryCacheDir()
	}
	checked, err := c.CheckAll(ctx, all)
	if err != nil {
		return nil, err
	}
	results := make([]report.Result, len(exercises))
	for i, ex := range exercises {
		results[i] = exerciseResult(ex, checked[i])
		if verbose {
			results[i].AddOutput(checked[i])
		}
	}
	return results, nil
}

// exerciseResult turns a checker result into the report's, with the
// exercise's hints when it did not pass.
func exerciseResult(ex catalog.Exercise, res *checker.Result) report.Result {
	r := report.FromChecker(ex.Name, res)
	if !r.Passed {
		r.Hints = ex.Hints
	}
	if r.Verdict == checker.Rule {
		r.Message += " (" + ruleExplanations(ex) + ")"
	}
	return r
}

// ruleExplanations joins the explanations of the exercise's broken rules.
func ruleExplanations(ex catalog.Exercise) string {
	var s string
	for _, r := range ex.StaticRules() {
		if s != "" {
			s += "; "
		}
		s += r.Name + ": " + r.Explain
	}
	return s
}

// isFlag reports whether a command-line word is a flag.
func isFlag(arg string) bool {
	return len(arg) > 1 && arg[0] == '-'
}
