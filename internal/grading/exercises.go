package grading

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/internal/report"
)

// Request says which exercises of which working copy to grade.
type Request struct {
	// Command names the command in the document: "grade", "run", "list".
	Command string
	// Root is the working copy's top folder, the one holding exercises/.
	Root string
	// Exercises are the exercises to grade; nil grades every one.
	Exercises []catalog.Exercise
	// Verbose keeps the tests' raw output in the results.
	Verbose bool
	// Confirm lists the GOMAXPROCS values, one entry per run, that a pass
	// is confirmed with before it counts; nil means DefaultConfirm, an
	// empty list no confirmation.
	Confirm []int
}

// DefaultConfirm confirms a pass with six more runs: two at each of
// GOMAXPROCS 1, 2 and 4. They reuse the binary and run in parallel, a
// fraction of a second for an exercise; code that passes some runs only
// does not pass.
var DefaultConfirm = []int{1, 2, 4, 1, 2, 4}

// Grade grades the student's code of each exercise in the working copy,
// pristine, and returns one result per exercise in order. The error is
// only the context's.
func (g *Grader) Grade(ctx context.Context, req Request) (*report.Document, error) {
	start := time.Now()
	k := g.Kit(req.Root)
	doc := g.newDocument(req.Command, start)
	doc.Warnings = append(doc.Warnings, k.Tampered()...)
	exercises := req.Exercises
	if exercises == nil {
		exercises = g.catalog.Exercises
	}
	doc.Results = make([]report.Result, len(exercises))
	var (
		opts  []checker.Options
		which []int // the exercise of each entry of opts
	)
	for i, ex := range exercises {
		o, err := g.studentOptions(ex, k.Path(ex.Dir()))
		if err != nil {
			doc.Results[i] = report.Failed(ex.Name, ex.Dir(), err.Error())
			continue
		}
		o.BinaryCache, o.BinaryCacheSize = g.binaries, g.cacheSize
		o.StopOnHang = true
		o.Confirm = req.Confirm
		if o.Confirm == nil {
			o.Confirm = DefaultConfirm
		}
		opts, which = append(opts, o), append(which, i)
	}
	for n, res := range g.checker.CheckAll(ctx, opts) {
		ex := exercises[which[n]]
		doc.Results[which[n]] = g.exerciseResult(ex, res, req.Verbose)
	}
	for i, ex := range exercises {
		doc.Results[i].Title, doc.Results[i].Points = ex.Title, ex.Worth()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return finish(doc, start), nil
}

// studentOptions are the checker's options for an exercise with the code
// of codeDir (the student's folder, or a solution's) laid over the kit's
// module.
func (g *Grader) studentOptions(ex catalog.Exercise, codeDir string) (checker.Options, error) {
	if st, err := os.Stat(codeDir); err != nil || !st.IsDir() {
		return checker.Options{}, fmt.Errorf("%s is missing: restore the folder from the kit to grade it", ex.Dir())
	}
	overlay, err := g.module.Overlay(ex.Dir(), codeDir)
	if err != nil {
		return checker.Options{}, fmt.Errorf("%s cannot be read: %v", ex.Dir(), err)
	}
	o := g.shippedOptions(ex)
	o.Overlay = overlay
	return o, nil
}

// shippedOptions are the checker's options for an exercise as shipped:
// its folder in the kit's module, its time limit and rules, and the code as
// shipped as the rules' baseline.
func (g *Grader) shippedOptions(ex catalog.Exercise) checker.Options {
	dir := g.module.Path(ex.Dir())
	return checker.Options{Dir: dir, Timeout: ex.Limit(), Rules: ex.StaticRules(), Baseline: dir,
		// Every build reads the module as shipped, whatever the test
		// binaries of the code graded before or meanwhile wrote there.
		Verify: g.module.Repair}
}

// exerciseResult turns the checker's result on an exercise into the
// report's, with its hints when it did not pass.
func (g *Grader) exerciseResult(ex catalog.Exercise, res *checker.Result, verbose bool) report.Result {
	if res.Err != nil {
		return report.Failed(ex.Name, ex.Dir(), cannotGrade(res.Err))
	}
	res.Message += runsNote(res, countRuns(res))
	r := report.FromChecker(ex.Name, g.paths(g.module.Root), res)
	if verbose {
		r.AddOutput(res)
	}
	if !r.Passed {
		r.Hints = ex.Hints
	}
	if r.Verdict == checker.Rule {
		r.Message += " (" + ruleExplanations(ex, res.Rules) + ")"
	}
	return r
}

// ruleExplanations joins the explanations of the exercise's rules that
// the findings say were broken.
func ruleExplanations(ex catalog.Exercise, broken []checker.Finding) string {
	var parts []string
	for _, r := range ex.StaticRules() {
		if slices.ContainsFunc(broken, func(f checker.Finding) bool { return f.Source == "rule:"+r.Name }) {
			parts = append(parts, r.Name+": "+r.Explain)
		}
	}
	return strings.Join(parts, "; ")
}
