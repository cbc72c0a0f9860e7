package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

// check grades any package directory by its own tests.
func (a *app) check(args []string) error {
	fs := a.flags("check")
	format := formatFlag(fs)
	timeout := fs.Duration("timeout", checker.DefaultTimeout, "time limit for one run of the tests")
	verbose := fs.Bool("verbose", false, "also print the raw output, runtime and race detector frames included")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return usagef("check takes one or more package directories: grade check DIR")
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	ctx, cancel := signalContext()
	defer cancel()
	c, err := newChecker(ctx)
	if err != nil {
		return err
	}
	all := make([]checker.Options, len(rest))
	for i, dir := range rest {
		all[i] = checker.Options{Dir: dir, Timeout: *timeout, BinaryCache: binaryCacheDir()}
	}
	checked, err := c.CheckAll(ctx, all)
	if errors.Is(err, checker.ErrNoTests) {
		return hinted{err, "grade check grades a package by its tests: add a _test.go file with a TestXxx function"}
	}
	if err != nil {
		return err
	}
	results := make([]report.Result, len(rest))
	for i, res := range checked {
		results[i] = report.FromChecker(filepath.Base(res.Dir), res)
		if *verbose {
			results[i].AddOutput(res)
		}
	}
	return a.finish(results, *format, func(report.Document) error {
		for i, r := range results {
			if i > 0 {
				fmt.Fprintln(a.stdout)
			}
			report.Explain(a.stdout, r, report.Detail{Verbose: *verbose})
		}
		return nil
	})
}
