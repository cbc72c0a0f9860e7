package formats

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

// maxPlaces bounds the places listed under one test, as the human report
// does.
const maxPlaces = 8

// failing returns the tests of r that did not pass, when r did not: in
// verify, an exercise as shipped passes when its tests fail as declared.
func failing(r report.Result) []report.Test {
	if r.Passed {
		return nil
	}
	var out []report.Test
	for _, t := range r.Tests {
		if t.Verdict != checker.Pass {
			out = append(out, t)
		}
	}
	return out
}

// position writes file:line[:column].
func position(file string, line, column int) string {
	pos := file
	if line > 0 {
		pos += ":" + strconv.Itoa(line)
		if column > 0 {
			pos += ":" + strconv.Itoa(column)
		}
	}
	return pos
}

// what says what happened at a location, without the place: "read by
// goroutine 9", "goroutine 9 started", "2 goroutines in chan send".
func what(l checker.Location, n int) string {
	who := fmt.Sprintf("goroutine %d", l.Goroutine)
	switch {
	case n > 1:
		who = fmt.Sprintf("%d goroutines", n)
	case l.Goroutine == 0:
		who = "the main goroutine"
	case l.Goroutine < 0:
		who = "a goroutine"
	}
	switch l.Role {
	case "read", "write", "atomic read", "atomic write":
		return l.Role + " by " + who
	case "started":
		return who + " started"
	case "panic":
		return who + " panicked"
	case "deferred":
		return "deferred"
	default:
		return who + " in " + l.Role
	}
}

// places writes a test's places, one "file:line:col: what" line each;
// goroutines at the same place are counted once.
func places(b *strings.Builder, indent string, t report.Test) {
	if d := t.Diagnosis; d != nil && len(d.Waits) > 0 {
		for i, w := range d.Waits {
			if i == maxPlaces {
				fmt.Fprintf(b, "%s... %d more places\n", indent, len(d.Waits)-i)
				break
			}
			fmt.Fprintf(b, "%s%s: %s\n", indent, position(w.File, w.Line, w.Column), w)
		}
	}
	type key struct {
		role, file string
		line       int
	}
	var order []key
	count := map[key]int{}
	first := map[key]checker.Location{}
	for _, l := range t.Locations {
		if t.Diagnosis != nil && len(t.Diagnosis.Waits) > 0 && l.Role != "started" {
			continue // the waits say where they are stuck
		}
		k := key{l.Role, l.File, l.Line}
		if count[k] == 0 {
			order = append(order, k)
			first[k] = l
		}
		count[k]++
	}
	for i, k := range order {
		if i == maxPlaces {
			fmt.Fprintf(b, "%s... %d more places\n", indent, len(order)-i)
			break
		}
		l := first[k]
		line := fmt.Sprintf("%s%s: %s", indent, position(l.File, l.Line, l.Column), what(l, count[k]))
		if code := strings.TrimSpace(l.Code); code != "" {
			line += ": " + code
		}
		b.WriteString(line + "\n")
	}
}

// diagnosisText is a failing test's diagnosis in plain text: its places,
// one file:line line each, then the cause and the fix.
func diagnosisText(t report.Test) string {
	var b strings.Builder
	places(&b, "", t)
	if d := t.Diagnosis; d != nil {
		if d.Cause != "" {
			fmt.Fprintf(&b, "cause: %s\n", d.Cause)
		}
		if d.Fix != "" {
			fmt.Fprintf(&b, "fix: %s\n", d.Fix)
		}
	}
	return b.String()
}

// findingsText writes the findings of the compiler, go vet and the rules,
// one "file:line:col: message (source)" line each.
func findingsText(r report.Result) string {
	var b strings.Builder
	for _, group := range [][]checker.Finding{r.Build, r.Vet, r.Rules} {
		for _, f := range group {
			fmt.Fprintf(&b, "%s: %s (%s)\n", position(f.File, f.Line, f.Column), f.Message, f.Source)
		}
	}
	return b.String()
}

// resultText explains a result in plain text: the verdict and message,
// each test's verdict, each failing test's diagnosis, the findings and
// the first hint. It is what the platforms that show text per exercise
// (Gradescope, PrairieLearn, Classroom) show.
func resultText(r report.Result) string {
	var b strings.Builder
	switch {
	case r.Passed && r.Expected != "":
		fmt.Fprintf(&b, "%s, as expected: %s\n", r.Verdict, r.Message)
		return b.String()
	case r.Passed:
		fmt.Fprintf(&b, "%s: every test passes under the race detector\n", r.Verdict)
		return b.String()
	}
	fmt.Fprintf(&b, "%s: %s\n", r.Verdict, r.Message)
	for _, t := range r.Tests {
		fmt.Fprintf(&b, "  %s: %s", t.Name, t.Verdict)
		if t.Message != "" {
			fmt.Fprintf(&b, ": %s", t.Message)
		}
		b.WriteString("\n")
	}
	explained := map[string]string{}
	for _, t := range failing(r) {
		text := diagnosisText(t)
		if text == "" {
			continue
		}
		key := sameFailure(t)
		if first, ok := explained[key]; ok {
			fmt.Fprintf(&b, "\n%s: %s, as in %s\n", t.Name, t.Verdict.Noun(), first)
			continue
		}
		explained[key] = t.Name
		fmt.Fprintf(&b, "\n%s: %s\n", t.Name, t.Verdict.Noun())
		b.WriteString(indent(text, "  "))
	}
	if f := findingsText(r); f != "" {
		fmt.Fprintf(&b, "\nfindings:\n%s", indent(f, "  "))
	}
	if len(r.Hints) > 0 {
		fmt.Fprintf(&b, "\nhint: %s\n", r.Hints[0])
	}
	return b.String()
}

// sameFailure is the same for two tests that failed the same way at the
// same places, whichever goroutines were there.
func sameFailure(t report.Test) string {
	var b strings.Builder
	b.WriteString(string(t.Verdict))
	if d := t.Diagnosis; d != nil {
		b.WriteString(" " + d.Kind + " " + d.Cause)
		for _, w := range d.Waits {
			fmt.Fprintf(&b, " %s:%d:%s", w.File, w.Line, w.State)
		}
	}
	for _, l := range t.Locations {
		fmt.Fprintf(&b, " %s:%d:%s", l.File, l.Line, l.Role)
	}
	return b.String()
}

// indent puts prefix before every line of text.
func indent(text, prefix string) string {
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString(prefix + l)
		}
	}
	return b.String()
}

// oneLine keeps the first line of s.
func oneLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return strings.TrimRight(first, "\r")
}

// truncate cuts s to at most n bytes on a rune boundary, saying that it
// was cut when there is room to.
func truncate(s string, n int) string {
	const more = "\n... (cut)"
	if len(s) <= n {
		return s
	}
	noted := n >= 2*len(more)
	cut := max(n, 0)
	if noted {
		cut -= len(more)
	}
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if noted {
		return s[:cut] + more
	}
	return s[:cut]
}

// studentFile is the first location of a test in the student's code: not
// in a test file, the standard library or a module, when there is one.
func studentFile(t report.Test) (checker.Location, bool) {
	var fallback *checker.Location
	for i, l := range t.Locations {
		if l.File == "" || strings.HasPrefix(l.File, "$") {
			continue
		}
		if !strings.HasSuffix(l.File, "_test.go") {
			return l, true
		}
		if fallback == nil {
			fallback = &t.Locations[i]
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return checker.Location{}, false
}

// firstFinding returns the first finding of the compiler, go vet or the
// rules.
func firstFinding(r report.Result) (checker.Finding, bool) {
	for _, group := range [][]checker.Finding{r.Build, r.Vet, r.Rules} {
		if len(group) > 0 {
			return group[0], true
		}
	}
	return checker.Finding{}, false
}
