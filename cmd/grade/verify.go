package main

import (
	"fmt"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/report"
)

// verify is the kit's self-check: every exercise as shipped gets the
// verdict its catalog entry declares on every run, every solution passes on
// every run, and exercises, solutions and catalog mirror each other.
func (a *app) verify(args []string) error {
	fs := a.flags("verify")
	format := formatFlag(fs)
	repeat := fs.Int("repeat", 5, "runs of each exercise and solution at each CPU count")
	cpuFlag := fs.String("cpu", "1,2,4", "comma-separated GOMAXPROCS values to run the tests with")
	names, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if *repeat < 1 {
		return usagef("--repeat must be at least 1")
	}
	cpuList, err := parseCPUs(*cpuFlag)
	if err != nil {
		return err
	}
	k, err := a.openKit()
	if err != nil {
		return err
	}
	exercises := k.Catalog.Exercises
	if len(names) > 0 {
		exercises = nil
		for _, n := range names {
			ex, ok := k.Catalog.Find(n)
			if !ok {
				return usagef("no exercise %q: 'grade list' shows them", n)
			}
			exercises = append(exercises, ex)
		}
	}
	ctx, cancel := signalContext()
	defer cancel()
	c, err := newChecker(ctx)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "racekit-verify-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var jobs []verifyJob
	results := layoutResults(k, exercises, len(names) == 0)
	for _, ex := range exercises {
		jobs = append(jobs, verifyJob{ex: ex, name: ex.Name, expected: ex.Verdict})
		for _, v := range k.Variants(ex) {
			jobs = append(jobs, verifyJob{ex: ex, name: path.Join(ex.SolutionDir(), v), variant: v, solution: true, expected: checker.Pass})
		}
	}
	all := make([]checker.Options, len(jobs))
	for i, j := range jobs {
		dir := fmt.Sprintf("%s/%d", tmp, i)
		if j.solution {
			all[i], err = k.SolutionOptions(j.ex, j.variant, dir)
		} else {
			all[i], err = k.Options(j.ex, dir)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", j.name, err)
		}
		// No binary cache: verify builds more binaries (every solution and
		// variant) than the cache keeps, and its runs outweigh its links.
		all[i].Repeat, all[i].CPU = *repeat, cpuList
	}
	res, err := c.CheckAll(ctx, all)
	if err != nil {
		return err
	}
	var matrix report.Reliability
	for i, j := range jobs {
		r := verifyResult(j, res[i])
		if j.solution {
			r.Path = k.Path(j.name)
		}
		results = append(results, r)
		for _, run := range res[i].Runs {
			matrix.Add(run.CPU, j.solution, j.expected, runVerdict(run, res[i]))
		}
	}
	return a.finish(results, *format, func(doc report.Document) error {
		report.Summary(a.stdout, doc)
		fmt.Fprintf(a.stdout, "(%d runs each: --repeat %d at --cpu %s)\n\n", *repeat*len(cpuList), *repeat, *cpuFlag)
		return report.WriteReliability(a.stdout, &matrix)
	})
}

// verifyJob is one thing verify grades: an exercise as shipped, or one of
// its solutions.
type verifyJob struct {
	ex       catalog.Exercise
	name     string
	variant  string
	solution bool
	expected checker.Verdict
}

// verifyResult checks that every run got the expected verdict.
func verifyResult(j verifyJob, res *checker.Result) report.Result {
	r := report.FromChecker(j.name, res)
	r.Expected = j.expected
	r.Runs = map[checker.Verdict]int{}
	var odd *checker.Run
	for i, run := range res.Runs {
		v := runVerdict(run, res)
		r.Runs[v]++
		if v != j.expected && odd == nil {
			odd = &res.Runs[i]
		}
	}
	if res.Verdict == checker.Build {
		r.Runs[checker.Build]++
	}
	r.Passed = odd == nil && res.Verdict != checker.Build
	switch {
	case res.Verdict == checker.Build:
		r.Message = fmt.Sprintf("want %s on every run, got build: %s", j.expected, res.Message)
	case odd != nil:
		r.Message = fmt.Sprintf("want %s on every run, got %s at -cpu %d: %s", j.expected, odd.Verdict, odd.CPU, odd.Message)
		if odd.Verdict == checker.Pass {
			r.Message = fmt.Sprintf("want %s on every run, got %s", j.expected, verdictCounts(r.Runs))
		}
	default:
		r.Message = fmt.Sprintf("%s on %d of %d runs", j.expected, len(res.Runs), len(res.Runs))
	}
	return r
}

// runVerdict is one run's verdict with the package's vet and rule
// findings: a run that passed is a vet or rule verdict when the static
// checks found something.
func runVerdict(run checker.Run, res *checker.Result) checker.Verdict {
	switch {
	case run.Verdict != checker.Pass:
		return run.Verdict
	case len(res.Vet) > 0:
		return checker.Vet
	case len(res.Rules) > 0:
		return checker.Rule
	}
	return checker.Pass
}

// verdictCounts formats run counts as "race 3, pass 2".
func verdictCounts(runs map[checker.Verdict]int) string {
	var parts []string
	for _, v := range checker.Verdicts {
		if n := runs[v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", v, n))
		}
	}
	return strings.Join(parts, ", ")
}

// layoutResults checks that exercises, solutions and the catalog mirror
// each other; all also looks for exercise folders missing from the
// catalog. It returns a failing result per problem.
func layoutResults(k *kit.Kit, exercises []catalog.Exercise, all bool) []report.Result {
	var results []report.Result
	for _, p := range kit.Layout(k, exercises, all) {
		results = append(results, report.Result{Name: p.Name, Path: k.Path(p.Path), Verdict: checker.Fail, Message: p.Problem, Tests: []report.Test{}})
	}
	return results
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
