package checker

import (
	"fmt"
	"strings"
)

// Diagnosis explains a failing test as data, so that every report format
// can print it without reading the raw output again.
type Diagnosis struct {
	// Kind names the pattern found. Races: "increment", "map", "append",
	// "loop-variable", "captured-variable", "named-result",
	// "check-then-act", "rlock-write", "copied-lock" (a value receiver
	// locks its own copy of the mutex), "field", "global", "alias" (a
	// local made from a package-level variable), "send-close" (a close
	// racing a send), "callback" (inside a test's function called at
	// once), "shared". Stuck code: "relock", "lock-order", "lock-held" (a
	// lock kept while its holder sleeps, works or waits), "wait-group",
	// "channel-send", "channel-receive", "nil-channel", "select", "cond",
	// "lock" (never unlocked), "spin", "slow" (waiting on a timer past the
	// limit), "blocked". Also "leak", "exit", "panic". The cause and fix
	// of each kind are in explanations.go.
	Kind string `json:"kind"`
	// Variable is the racing variable as written in the code, if known.
	Variable string `json:"variable,omitempty"`
	// Cause says in one sentence why the code fails.
	Cause string `json:"cause,omitempty"`
	// Fix names the kind of fix that fits.
	Fix string `json:"fix,omitempty"`
	// Waits sum up the stuck or leaked goroutines by what they do and
	// where.
	Waits []Wait `json:"waits,omitempty"`
}

// Wait is a group of goroutines in the same state at the same place.
type Wait struct {
	State string `json:"state"`
	Count int    `json:"count"`
	// Main is set for the goroutine that called the code under test
	// rather than one the code started.
	Main   bool   `json:"main,omitempty"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
	Func   string `json:"func"`
	// Code is the source line, as written.
	Code string `json:"code,omitempty"`
	// Phrase says what they do, as a plural verb phrase: "wait to send
	// on a channel that no goroutine receives from".
	Phrase string `json:"phrase"`
}

// String says what the goroutines do: "2 goroutines wait to send on a
// channel that no goroutine receives from (main.go:14)". Goroutines that
// the student's code did not start are the test's: "checkFleet, called by
// the test, waits ..." where they are in the student's code, "1 goroutine
// of the test waits ..." where they are in a test file.
func (w Wait) String() string {
	verb := w.Phrase
	if w.Count == 1 {
		verb = singular(verb)
	}
	return fmt.Sprintf("%s %s (%s:%d)", w.who(), verb, baseName(w.File), w.Line)
}

// who names the goroutines of a wait: "3 goroutines" of the checked
// code's own; the test's, by where they are.
func (w Wait) who() string {
	switch {
	case !w.Main:
		return plural(w.Count, "goroutine")
	case isTestFile(w.File):
		return plural(w.Count, "goroutine") + " of the test"
	case w.Count == 1:
		return shortFunc(w.Func) + ", called by the test,"
	}
	return fmt.Sprintf("%s of the test, in %s,", plural(w.Count, "goroutine"), shortFunc(w.Func))
}

// isTestFile reports whether a file is a _test.go file: the exercise's
// tests, not the student's code.
func isTestFile(file string) bool {
	return strings.HasSuffix(file, "_test.go")
}

// student reports whether a frame runs the student's code: the checked
// module's own code outside its _test.go files and the kit's helpers.
func (s classifier) student(f Frame) bool {
	return s.owns(f) && !isTestFile(f.File)
}

// startedByCode reports whether the student's own go statement started
// g: goroutines that a test started are the test's, and are neither
// counted nor blamed as the student's.
func (s classifier) startedByCode(g Goroutine) bool {
	return g.CreatedBy != nil && s.student(*g.CreatedBy)
}

// placeOf returns where g is in the checked code: its innermost frame in
// the student's code, else its innermost frame in the module's (a test
// file); ok is false when it runs neither.
func (s classifier) placeOf(g Goroutine) (Frame, bool) {
	for _, f := range g.Frames {
		if s.student(f) {
			return f, true
		}
	}
	return s.firstOwnFrame(g)
}

// describe joins waits into one clause.
func describe(ws []Wait) string {
	var parts []string
	for _, w := range ws {
		parts = append(parts, w.String())
	}
	return strings.Join(parts, "; ")
}

// count adds up the goroutines of waits.
func count(ws []Wait) int {
	n := 0
	for _, w := range ws {
		n += w.Count
	}
	return n
}

// wereOrWas agrees "were" with a count.
func wereOrWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// plural returns "1 goroutine" or "n goroutines".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// shortFunc names a function as the student wrote it:
// "example.com/m.(*Inventory).Reserve" becomes "Inventory.Reserve", and
// "example.com/m.run.func1" "a function literal in run".
func shortFunc(fn string) string {
	fn = fn[strings.LastIndex(fn, "/")+1:]
	if _, rest, ok := strings.Cut(fn, "."); ok {
		fn = rest
	}
	fn = strings.NewReplacer("(*", "", ")", "").Replace(fn)
	if i := strings.Index(fn, ".func"); i > 0 {
		return "a function literal in " + fn[:i]
	}
	return fn
}
