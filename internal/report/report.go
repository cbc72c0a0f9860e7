// Package report turns the checker's results into what grade prints: the
// JSON document that CI and teachers read, and the human report in the
// terminal.
package report

import (
	"encoding/json"
	"io"

	"github.com/racekit/racekit/checker"
)

// Document is the JSON that `grade --format json` prints. Its fields are a
// public contract: later versions only add fields.
type Document struct {
	Results []Result `json:"results"`
	// Passed counts the results that passed; Total counts all of them.
	Passed int `json:"passed"`
	Total  int `json:"total"`
}

// Result is one graded exercise, package or (for verify) one check.
type Result struct {
	Name    string          `json:"name"`
	Path    string          `json:"path"`
	Verdict checker.Verdict `json:"verdict"`
	Passed  bool            `json:"passed"`
	Message string          `json:"message"`
	Tests   []Test          `json:"tests"`
	// Expected is the verdict the result had to get (verify), if not pass.
	Expected checker.Verdict `json:"expected,omitempty"`
	// Runs counts each verdict over repeated runs (verify).
	Runs map[checker.Verdict]int `json:"runs,omitempty"`
	// Build, Vet and Rules are the findings behind a build, vet or rule
	// verdict, and vet's findings beside any other verdict.
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
	Name       string              `json:"name"`
	Verdict    checker.Verdict     `json:"verdict"`
	Message    string              `json:"message"`
	Goroutines []checker.Goroutine `json:"goroutines,omitempty"`
	Locations  []checker.Location  `json:"locations,omitempty"`
	// Diagnosis explains a failing test: the pattern, its cause, a fix.
	Diagnosis *checker.Diagnosis `json:"diagnosis,omitempty"`
	// Output is the test's raw output (only with AddOutput).
	Output string `json:"output,omitempty"`
}

// FromChecker builds a Result from the checker's, under the given name.
func FromChecker(name string, r *checker.Result) Result {
	out := Result{
		Name: name, Path: r.Dir, Verdict: r.Verdict, Passed: r.Verdict == checker.Pass,
		Message: r.Message, Build: r.Build, Vet: r.Vet, Rules: r.Rules, Tests: []Test{},
	}
	for _, t := range r.Tests {
		out.Tests = append(out.Tests, Test{Name: t.Name, Verdict: t.Verdict, Message: t.Message,
			Goroutines: t.Goroutines, Locations: t.Locations, Diagnosis: t.Diagnosis})
	}
	return out
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

// NewDocument counts the results into a Document.
func NewDocument(results []Result) Document {
	doc := Document{Results: results, Total: len(results)}
	if doc.Results == nil {
		doc.Results = []Result{}
	}
	for _, r := range results {
		if r.Passed {
			doc.Passed++
		}
	}
	return doc
}

// WriteJSON writes the document as indented JSON.
func WriteJSON(w io.Writer, doc Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
