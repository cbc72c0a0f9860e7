// Package report holds the document that every grade command produces, and
// the writers that print it: the JSON that CI and teachers read, and the
// human report in the terminal. Printing is a function of the document
// alone.
package report

import (
	"encoding/json"
	"io"
	"path/filepath"
	"strings"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/kit"
)

// Version is the version of the document's schema (schema/report.schema.json).
// Later versions of racekit only add fields to version 1.
const Version = 1

// Document is what a grade command produced: one result per exercise,
// package or check. Its fields are a public contract, described by
// schema/report.schema.json: later versions only add fields.
type Document struct {
	// Version is the schema's version: 1.
	Version int `json:"version"`
	// Command is the command that graded: "grade", "run", "list",
	// "check" or "verify".
	Command string `json:"command"`
	// Grader is racekit's version; Go is the go command's.
	Grader string `json:"grader"`
	Go     string `json:"go"`
	// Results holds one result per exercise, package or check, in order.
	Results []Result `json:"results"`
	// Passed counts the results that passed; Total counts all of them.
	Passed int `json:"passed"`
	Total  int `json:"total"`
	// Score sums the points of the results that passed; MaxScore sums
	// every result's points.
	Score    int `json:"score"`
	MaxScore int `json:"max_score"`
	// Seconds is how long the grading took, in seconds.
	Seconds float64 `json:"seconds"`
	// Warnings name what the grader ignored: tampered files, settings of
	// the environment.
	Warnings []kit.Warning `json:"warnings"`
	// Reliability is verify's flake matrix: one row per CPU count and a
	// total row with cpu 0.
	Reliability []ReliabilityRow `json:"reliability,omitempty"`
}

// Error is the verdict of a result the grader could not grade: its folder
// is missing, its files cannot be read. Not a verdict on the code, so it
// is not one of checker.Verdicts.
const Error checker.Verdict = "error"

// Result is one graded exercise, package or (for verify) one check.
type Result struct {
	Name string `json:"name"`
	// Title says in one line what goes wrong in the exercise.
	Title string `json:"title,omitempty"`
	// Path is the graded folder, relative to the kit's root (to the
	// module's root for grade check), with slashes.
	Path    string          `json:"path"`
	Verdict checker.Verdict `json:"verdict"`
	Passed  bool            `json:"passed"`
	// Points are what the result is worth; Score is Points when it
	// passed, else 0.
	Points int `json:"points"`
	Score  int `json:"score"`
	// Message says in one line what went wrong; for an error, why it
	// could not be graded.
	Message string `json:"message"`
	// Seconds is how long its tests ran, in seconds, summed over runs.
	Seconds float64 `json:"seconds"`
	Tests   []Test  `json:"tests"`
	// Expected is the verdict the result had to get (verify): for an
	// exercise as shipped its declared verdict, for a solution pass, for
	// a wrong fix the verdict its want file names. In verify, Passed
	// means every run got it.
	Expected checker.Verdict `json:"expected,omitempty"`
	// Accepted lists the verdicts a wrong fix may get when its verdict
	// depends on the schedule (verify): a half fix that a test catches on
	// some runs and a rule on the others declares "fail rule". Expected
	// is then the first of them, and Passed means every run got one of
	// them. Empty otherwise.
	Accepted []checker.Verdict `json:"accepted,omitempty"`
	// Runs counts each verdict over repeated runs (verify).
	Runs map[checker.Verdict]int `json:"runs,omitempty"`
	// Build, Vet and Rules are the findings of the compiler, go vet and
	// the exercise's rules: behind a build, vet or rule verdict, and
	// beside any other verdict, which they did not decide.
	Build []checker.Finding `json:"build,omitempty"`
	Vet   []checker.Finding `json:"vet,omitempty"`
	Rules []checker.Finding `json:"rules,omitempty"`
	// Hints are the exercise's hints, for a result that did not pass.
	Hints []string `json:"hints,omitempty"`
	// Output is what the tests printed outside any test (only with
	// AddOutput).
	Output string `json:"output,omitempty"`
}

// Test is one test's verdict.
type Test struct {
	Name    string          `json:"name"`
	Verdict checker.Verdict `json:"verdict"`
	Message string          `json:"message"`
	// Seconds is how long the test ran, in seconds.
	Seconds    float64             `json:"seconds"`
	Goroutines []checker.Goroutine `json:"goroutines,omitempty"`
	Locations  []checker.Location  `json:"locations,omitempty"`
	// Diagnosis explains a failing test: the pattern, its cause, a fix.
	Diagnosis *checker.Diagnosis `json:"diagnosis,omitempty"`
	// Output is the test's raw output (only with AddOutput).
	Output string `json:"output,omitempty"`
}

// Paths says how to write the paths of a result so that they do not name
// the grading machine's folders: relative to Root (the kit's or the
// module's root), and $GOROOT/... or $GOMODCACHE/... for the standard
// library's and the modules' files.
type Paths struct {
	Root, GOROOT, GOMODCACHE string
}

// FromChecker builds a Result from the checker's, under the given name,
// with every path written as paths says.
func FromChecker(name string, paths Paths, r *checker.Result) Result {
	rel := paths.rel
	out := Result{
		Name: name, Path: rel(r.Dir), Verdict: r.Verdict, Passed: r.Verdict == checker.Pass,
		Message: r.Message, Build: relativeFindings(r.Build, rel), Vet: relativeFindings(r.Vet, rel), Rules: relativeFindings(r.Rules, rel),
		Tests: []Test{},
	}
	for _, run := range r.Runs {
		out.Seconds += run.Elapsed.Seconds()
	}
	for _, t := range r.Tests {
		test := Test{Name: t.Name, Verdict: t.Verdict, Message: t.Message, Seconds: t.Elapsed.Seconds(),
			Goroutines: goroutines(t.Goroutines, rel), Diagnosis: diagnosis(t.Diagnosis, rel)}
		for _, l := range t.Locations {
			l.File = rel(l.File)
			test.Locations = append(test.Locations, l)
		}
		out.Tests = append(out.Tests, test)
	}
	return out
}

// Failed returns the result of something the grader could not grade.
func Failed(name, path, why string) Result {
	return Result{Name: name, Path: path, Verdict: Error, Message: why, Tests: []Test{}}
}

// rel writes one path: relative to the root, with slashes, when it is
// under it; from $GOROOT or $GOMODCACHE when it is there; else as it is.
func (ps Paths) rel(p string) string {
	if p == "" || !filepath.IsAbs(filepath.FromSlash(p)) {
		return p
	}
	for _, base := range []struct{ dir, prefix string }{{ps.Root, ""}, {ps.GOROOT, "$GOROOT/"}, {ps.GOMODCACHE, "$GOMODCACHE/"}} {
		if base.dir == "" {
			continue
		}
		rel, err := filepath.Rel(base.dir, filepath.FromSlash(p))
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return base.prefix + filepath.ToSlash(rel)
		}
	}
	return p
}

// relativeFindings copies fs with relative paths.
func relativeFindings(fs []checker.Finding, rel func(string) string) []checker.Finding {
	var out []checker.Finding
	for _, f := range fs {
		f.File = rel(f.File)
		out = append(out, f)
	}
	return out
}

// goroutines copies gs with relative paths.
func goroutines(gs []checker.Goroutine, rel func(string) string) []checker.Goroutine {
	var out []checker.Goroutine
	for _, g := range gs {
		frames := make([]checker.Frame, len(g.Frames))
		for i, f := range g.Frames {
			f.File = rel(f.File)
			frames[i] = f
		}
		g.Frames = frames
		if g.CreatedBy != nil {
			c := *g.CreatedBy
			c.File = rel(c.File)
			g.CreatedBy = &c
		}
		out = append(out, g)
	}
	return out
}

// diagnosis copies d with relative paths.
func diagnosis(d *checker.Diagnosis, rel func(string) string) *checker.Diagnosis {
	if d == nil {
		return nil
	}
	c := *d
	c.Waits = nil
	for _, w := range d.Waits {
		w.File = rel(w.File)
		c.Waits = append(c.Waits, w)
	}
	return &c
}

// AddOutput adds the raw output of the checker's result to r: each test's
// and the output outside the tests (for --verbose).
func (r *Result) AddOutput(res *checker.Result) {
	for i := range r.Tests {
		for _, t := range res.Tests {
			if t.Name == r.Tests[i].Name {
				r.Tests[i].Output = t.Output
			}
		}
	}
	r.Output = res.Output
}

// Tally counts the results into the document: passed, total, score and
// max score. Nil lists become empty ones, so that the JSON has arrays.
func (doc *Document) Tally() {
	doc.Version = Version
	if doc.Results == nil {
		doc.Results = []Result{}
	}
	if doc.Warnings == nil {
		doc.Warnings = []kit.Warning{}
	}
	doc.Passed, doc.Total, doc.Score, doc.MaxScore = 0, len(doc.Results), 0, 0
	for i := range doc.Results {
		r := &doc.Results[i]
		if r.Tests == nil {
			r.Tests = []Test{}
		}
		r.Score = 0
		if r.Passed {
			r.Score = r.Points
			doc.Passed++
		}
		doc.Score += r.Score
		doc.MaxScore += r.Points
	}
}

// AllPassed reports whether there is something graded and all of it
// passed.
func (doc *Document) AllPassed() bool {
	return doc.Total > 0 && doc.Passed == doc.Total
}

// WriteJSON writes the document as indented JSON.
func WriteJSON(w io.Writer, doc *Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
