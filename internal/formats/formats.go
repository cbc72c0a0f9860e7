// Package formats writes the report document (report.Document) in the
// formats that CI systems and grading platforms read: JUnit XML, GitHub
// workflow commands and step summary, the GitHub Classroom autograding
// result, Gradescope's and PrairieLearn's results.json, and racekit's own
// JSON.
//
// Every format is a function of the document and its Options alone: the
// package reads no environment variable, prints nothing to the terminal and
// never exits. The caller opens the files and passes them in.
package formats

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/racekit/racekit/internal/report"
)

// Format is one report format, selected by name.
type Format struct {
	// Name selects the format: "junit", "github", ...
	Name string
	// Summary says in one line what reads it.
	Summary string
	// Stdout reports whether the format is meant for a log (standard
	// output), rather than for a file that a platform collects.
	Stdout bool
	// Write writes the document in this format to w.
	Write func(w io.Writer, doc *report.Document, opts Options) error
}

// Options is what a format needs besides the document: what a caller
// found in the environment, passed in so that the formats read none of it.
type Options struct {
	// StepSummary receives github's Markdown step summary: the file
	// named by $GITHUB_STEP_SUMMARY, opened for appending. Nil writes
	// no summary.
	StepSummary io.Writer
	// StepSummaryUsed is how many bytes the step summary file holds
	// already: the summary keeps the whole file under MaxStepSummary.
	StepSummaryUsed int64
	// Token is the stop-commands token that github wraps student output
	// in. Empty picks a random one (NewToken).
	Token string
}

// formats lists the formats in the order that messages name them.
var formats = []Format{
	{Name: "junit", Summary: "JUnit XML, as GitLab and the GitHub JUnit reporters read it", Write: JUnit},
	{Name: "github", Summary: "GitHub Actions workflow commands: annotations, and a step summary in $GITHUB_STEP_SUMMARY", Stdout: true, Write: GitHub},
	{Name: "classroom", Summary: "the GitHub Classroom autograding result, a result=<base64> step output line for $GITHUB_OUTPUT", Write: Classroom},
	{Name: "gradescope", Summary: "Gradescope's results.json", Write: Gradescope},
	{Name: "prairielearn", Summary: "PrairieLearn's external grader results.json", Write: PrairieLearn},
	{Name: "json", Summary: "racekit's report document (schema/report.schema.json)", Stdout: true, Write: func(w io.Writer, doc *report.Document, _ Options) error {
		return report.WriteJSON(w, doc)
	}},
}

// Lookup returns the format named name.
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// All returns every format, in the order Names lists them.
func All() []Format {
	return append([]Format(nil), formats...)
}

// Names returns the formats' names.
func Names() []string {
	var names []string
	for _, f := range formats {
		names = append(names, f.Name)
	}
	return names
}

// NamesText lists the names in words: "junit, github, ... or json".
func NamesText() string {
	names := Names()
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// NewToken returns a random token for ::stop-commands::, one that student
// output cannot guess.
func NewToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("formats: no randomness: %v", err)) // crypto/rand does not fail on supported systems
	}
	return "racekit-" + hex.EncodeToString(b)
}
