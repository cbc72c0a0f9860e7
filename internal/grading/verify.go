package grading

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/report"
)

// VerifyRequest says what the kit's self-check covers and how often.
type VerifyRequest struct {
	// Root is the kit whose solutions/ are checked. The exercises are
	// the ones shipped in the grader, whatever the working copy holds.
	Root string
	// Exercises are the exercises to check; nil checks every one, and
	// also looks for folders the catalog does not list.
	Exercises []catalog.Exercise
	// Repeat is the number of runs at each CPU count (default 1).
	Repeat int
	// CPU lists the GOMAXPROCS values to run with (default: the
	// machine's).
	CPU []int
}

// verifyJob is one thing verify grades: an exercise as shipped, one of its
// solutions, or one of its wrong fixes.
type verifyJob struct {
	ex catalog.Exercise
	// name is the exercise's name, or the kit-relative folder of the
	// code laid over it.
	name string
	// code is set when the code of folder name is laid over the exercise.
	code bool
	// solution is set for a solution, which must pass; else the job is
	// broken code that must get expected on every run.
	solution bool
	expected []checker.Verdict
}

// Verify is the kit's self-check: every exercise as shipped gets the
// verdict its catalog entry declares on every run, every solution passes on
// every run, every wrong fix (solutions/NN_slug/wrong/NAME) gets the
// verdict it declares on every run, and exercises, solutions and catalog
// mirror each other. The
// document carries the flake matrix. The error is only the context's.
func (g *Grader) Verify(ctx context.Context, req VerifyRequest) (*report.Document, error) {
	start := time.Now()
	k := g.Kit(req.Root)
	doc := g.newDocument("verify", start)
	exercises := req.Exercises
	if exercises == nil {
		exercises = g.catalog.Exercises
	}
	for _, p := range kit.Layout(k, exercises, req.Exercises == nil) {
		doc.Results = append(doc.Results, report.Result{Name: p.Name, Path: p.Path, Verdict: checker.Fail, Message: p.Problem, Tests: []report.Test{}})
	}
	var jobs []verifyJob
	for _, ex := range exercises {
		jobs = append(jobs, verifyJob{ex: ex, name: ex.Name, expected: []checker.Verdict{ex.Verdict}})
		for _, v := range k.Variants(ex) {
			jobs = append(jobs, verifyJob{ex: ex, name: path.Join(ex.SolutionDir(), v), code: true, solution: true, expected: []checker.Verdict{checker.Pass}})
		}
		for _, w := range k.Wrongs(ex) {
			if len(w.Want) > 0 { // else a layout problem, reported above
				jobs = append(jobs, verifyJob{ex: ex, name: w.Dir, code: true, expected: w.Want})
			}
		}
	}
	var (
		opts  []checker.Options
		which []int
	)
	results := make([]report.Result, len(jobs))
	for i, j := range jobs {
		o := g.shippedOptions(j.ex)
		if j.code {
			var err error
			if o, err = g.studentOptions(j.ex, k.Path(j.name)); err != nil {
				results[i] = report.Failed(j.name, j.name, err.Error())
				continue
			}
		}
		// No binary cache: verify builds more binaries (every solution and
		// variant) than the cache keeps, and its runs outweigh its links.
		o.Repeat, o.CPU = req.Repeat, req.CPU
		opts, which = append(opts, o), append(which, i)
	}
	var matrix report.Reliability
	for n, res := range g.checker.CheckAll(ctx, opts) {
		j := jobs[which[n]]
		if res.Err != nil {
			results[which[n]] = report.Failed(j.name, j.name, cannotGrade(res.Err))
			continue
		}
		r := verifyResult(j, res, g.paths(g.module.Root))
		if j.code {
			r.Path = j.name
		}
		results[which[n]] = r
		for _, run := range res.Runs {
			matrix.Add(run.CPU, j.solution, j.expected, res.RunVerdict(run))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc.Results = append(doc.Results, results...)
	for i := range doc.Results {
		doc.Results[i].Points = 1
	}
	doc.Reliability = matrix.Rows()
	return finish(doc, start), nil
}

// verifyResult checks that every run got an expected verdict.
func verifyResult(j verifyJob, res *checker.Result, paths report.Paths) report.Result {
	r := report.FromChecker(j.name, paths, res)
	r.Title = j.ex.Title
	r.Expected = j.expected[0]
	if len(j.expected) > 1 {
		r.Accepted = j.expected
	}
	want := verdictChoice(j.expected)
	r.Runs = map[checker.Verdict]int{}
	var odd *checker.Run
	for i, run := range res.Runs {
		v := res.RunVerdict(run)
		r.Runs[v]++
		if !slices.Contains(j.expected, v) && odd == nil {
			odd = &res.Runs[i]
		}
	}
	if res.Verdict == checker.Build {
		r.Runs[checker.Build]++
	}
	r.Passed = odd == nil && res.Verdict != checker.Build
	switch {
	case res.Verdict == checker.Build:
		r.Message = fmt.Sprintf("want %s on every run, got build: %s", want, res.Message)
	case odd != nil && odd.Verdict == checker.Pass:
		r.Message = fmt.Sprintf("want %s on every run, got %s", want, verdictCounts(r.Runs))
	case odd != nil:
		r.Message = fmt.Sprintf("want %s on every run, got %s at -cpu %d: %s", want, odd.Verdict, odd.CPU, odd.Message)
	case len(j.expected) > 1:
		r.Message = fmt.Sprintf("%s on %d of %d runs (%s)", want, len(res.Runs), len(res.Runs), verdictCounts(r.Runs))
	default:
		r.Message = fmt.Sprintf("%s on %d of %d runs", want, len(res.Runs), len(res.Runs))
	}
	return r
}

// verdictChoice names one verdict, or a choice of verdicts as "fail or
// rule".
func verdictChoice(vs []checker.Verdict) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = string(v)
	}
	return strings.Join(names, " or ")
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
