package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"

	"github.com/racekit/racekit/checker"
)

var (
	passStyle = color.New(color.FgGreen, color.Bold)
	failStyle = color.New(color.FgRed, color.Bold)
	dimStyle  = color.New(color.Faint)
	headStyle = color.New(color.Bold)
)

// mark returns the sign for a result: ✓ or ✗.
func mark(passed bool) string {
	if passed {
		return passStyle.Sprint("✓")
	}
	return failStyle.Sprint("✗")
}

// verdictWord colours a verdict word, padded to the longest word.
func verdictWord(v checker.Verdict) string {
	word := fmt.Sprintf("%-8s", v)
	if v == checker.Pass {
		return passStyle.Sprint(word)
	}
	return failStyle.Sprint(word)
}

// Summary writes one line per result and a count.
func Summary(w io.Writer, doc Document) {
	width := 0
	for _, r := range doc.Results {
		width = max(width, len(r.Name))
	}
	for _, r := range doc.Results {
		line := fmt.Sprintf("%s %-*s  %s", mark(r.Passed), width, r.Name, verdictWord(r.Verdict))
		if !r.Passed && r.Message != "" {
			line += "  " + r.Message
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintf(w, "\n%d of %d pass\n", doc.Passed, doc.Total)
}

// Explain writes everything a student needs about one result: the verdict,
// each test, the findings, and as many hints as asked for.
func Explain(w io.Writer, r Result, title string, hints int) {
	head := r.Name
	if title != "" {
		head += " · " + title
	}
	fmt.Fprintln(w, headStyle.Sprint(head))
	if r.Passed {
		fmt.Fprintf(w, "%s %s  every test passes under the race detector\n", mark(true), verdictWord(r.Verdict))
		return
	}
	fmt.Fprintf(w, "%s %s  %s\n", mark(false), verdictWord(r.Verdict), r.Message)
	if len(r.Tests) > 0 {
		fmt.Fprintln(w)
		width := 0
		for _, t := range r.Tests {
			width = max(width, len(t.Name))
		}
		for _, t := range r.Tests {
			line := fmt.Sprintf("  %-*s  %s  %s", width, t.Name, verdictWord(t.Verdict), t.Message)
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			if t.Verdict != checker.Pass {
				locations(w, t.Locations)
			}
		}
	}
	findings(w, "does not compile", r.Build)
	findings(w, "go vet", r.Vet)
	findings(w, "rules", r.Rules)
	if hints > 0 && len(r.Hints) > 0 {
		fmt.Fprintln(w)
	}
	for i := 0; i < hints && i < len(r.Hints); i++ {
		fmt.Fprintf(w, "%s %s\n", dimStyle.Sprintf("hint %d/%d:", i+1, len(r.Hints)), r.Hints[i])
	}
	if hints > 0 && hints < len(r.Hints) {
		fmt.Fprintln(w, dimStyle.Sprintf("more: grade run %s --hints %d", r.Name, hints+1))
	}
}

// findings writes a titled list of findings.
func findings(w io.Writer, title string, fs []checker.Finding) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, f := range fs {
		fmt.Fprintf(w, "  %s\n", f)
	}
}
