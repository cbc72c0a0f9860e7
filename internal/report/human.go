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
func Summary(w io.Writer, doc *Document) {
	width := 0
	for _, r := range doc.Results {
		width = max(width, len(r.Name))
	}
	for _, r := range doc.Results {
		line := fmt.Sprintf("%s %-*s  %s", mark(r.Passed), width, r.Name, verdictWord(r.Verdict))
		if (!r.Passed || len(r.Accepted) > 0) && r.Message != "" {
			// A failure says why; a pass of a fix whose verdict depends
			// on the schedule says how the runs split.
			line += "  " + r.Message
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintf(w, "\n%d of %d pass\n", doc.Passed, doc.Total)
}

// Detail says how much Explain shows.
type Detail struct {
	// Title is the exercise's title, shown beside its name.
	Title string
	// Hints is how many of the exercise's hints to show.
	Hints int
	// Verbose adds the raw output of each failing test: the runtime,
	// testing and kit frames that the explanation leaves out.
	Verbose bool
}

// Explain writes everything a student needs about one result: the verdict,
// each test, what went wrong where in their code, the findings, and as many
// hints as asked for.
func Explain(w io.Writer, r Result, d Detail) {
	head := r.Name
	if d.Title != "" {
		head += " · " + d.Title
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
		}
		explained := map[string]string{}
		for _, t := range r.Tests {
			explainTest(w, t, explained)
		}
	}
	findings(w, "does not compile", r.Build)
	findings(w, "go vet", r.Vet)
	findings(w, "rules", r.Rules)
	if d.Hints > 0 && len(r.Hints) > 0 {
		fmt.Fprintln(w)
	}
	for i := 0; i < d.Hints && i < len(r.Hints); i++ {
		fmt.Fprintf(w, "%s %s\n", dimStyle.Sprintf("hint %d/%d:", i+1, len(r.Hints)), r.Hints[i])
	}
	if d.Hints > 0 && d.Hints < len(r.Hints) {
		fmt.Fprintln(w, dimStyle.Sprintf("more: grade run %s --hints %d", r.Name, d.Hints+1))
	}
	if d.Verbose {
		rawOutput(w, r)
	}
}

// explainTest writes where a failing test went wrong in the student's
// code, and why. A test that failed the same way as one already explained
// refers to it.
func explainTest(w io.Writer, t Test, explained map[string]string) {
	if t.Verdict == checker.Pass || (t.Diagnosis == nil && len(t.Locations) == 0) {
		return
	}
	key := explanationKey(t)
	if first, ok := explained[key]; ok {
		fmt.Fprintf(w, "\n  %s: %s, as in %s\n", headStyle.Sprint(t.Name), t.Verdict.Noun(), first)
		return
	}
	explained[key] = t.Name
	fmt.Fprintf(w, "\n  %s: %s\n", headStyle.Sprint(t.Name), t.Verdict.Noun())
	locs := t.Locations
	if t.Diagnosis != nil && len(t.Diagnosis.Waits) > 0 {
		waits(w, t.Diagnosis.Waits)
		locs = started(locs)
	}
	locations(w, locs)
	if d := t.Diagnosis; d != nil {
		if d.Cause != "" {
			fmt.Fprintf(w, "    %s %s\n", dimStyle.Sprint("cause:"), d.Cause)
		}
		if d.Fix != "" {
			fmt.Fprintf(w, "    %s   %s\n", dimStyle.Sprint("fix:"), d.Fix)
		}
	}
}

// explanationKey is the same for two tests that failed the same way at the
// same places.
func explanationKey(t Test) string {
	var b strings.Builder
	b.WriteString(string(t.Verdict))
	if t.Diagnosis != nil {
		b.WriteString(" " + t.Diagnosis.Kind + " " + t.Diagnosis.Cause)
		for _, wt := range t.Diagnosis.Waits {
			fmt.Fprintf(&b, " %s:%d:%s", wt.File, wt.Line, wt.State)
		}
	}
	for _, l := range t.Locations {
		fmt.Fprintf(&b, " %s:%d:%s", l.File, l.Line, l.Role)
	}
	return b.String()
}

// started keeps the locations that say where goroutines were started.
func started(locs []checker.Location) []checker.Location {
	var out []checker.Location
	for _, l := range locs {
		if l.Role == "started" {
			out = append(out, l)
		}
	}
	return out
}

// rawOutput writes what each failing test printed, and the output outside
// the tests, as the runtime printed it.
func rawOutput(w io.Writer, r Result) {
	for _, t := range r.Tests {
		if t.Verdict != checker.Pass && t.Output != "" {
			fmt.Fprintf(w, "\n%s\n", dimStyle.Sprintf("raw output of %s:", t.Name))
			fmt.Fprint(w, ensureNewline(t.Output))
		}
	}
	if r.Output != "" {
		fmt.Fprintf(w, "\n%s\n", dimStyle.Sprint("raw output outside the tests:"))
		fmt.Fprint(w, ensureNewline(r.Output))
	}
}

// ensureNewline ends s with a newline.
func ensureNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// findings writes a titled list of findings.
func findings(w io.Writer, title string, fs []checker.Finding) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", title)
	for _, f := range fs {
		fmt.Fprintf(w, "  %s\n", f)
		quote(w, f.Line, f.Column, f.Code)
		if rule, ok := checker.LookupRule(strings.TrimPrefix(f.Source, "rule:")); ok && strings.HasPrefix(f.Source, "rule:") {
			fmt.Fprintf(w, "    %s %s\n", dimStyle.Sprint("why:"), rule.Explain)
		}
	}
}
