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
	// "check-then-act", "rlock-write", "field", "global", "shared". Stuck
	// code: "relock", "lock-order", "wait-group", "channel-send",
	// "channel-receive", "nil-channel", "select", "cond", "lock", "spin",
	// "slow" (waiting on a timer past the limit), "blocked". Also "leak",
	// "exit", "panic". The cause and fix of each kind are in
	// explanations.go.
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
// channel that no goroutine receives from (main.go:14)".
func (w Wait) String() string {
	verb := w.Phrase
	who := fmt.Sprintf("%d goroutines", w.Count)
	if w.Count == 1 {
		who = "1 goroutine"
		if w.Main {
			who = "main"
		}
		first, rest, _ := strings.Cut(verb, " ")
		if first == "were" {
			verb = "was"
		} else {
			verb = first + "s"
		}
		if rest != "" {
			verb += " " + rest
		}
	}
	return fmt.Sprintf("%s %s (%s:%d)", who, verb, baseName(w.File), w.Line)
}

// startedByCode reports whether the checked code's own go statement
// started g.
func (s classifier) startedByCode(g Goroutine) bool {
	return g.CreatedBy != nil && s.owns(*g.CreatedBy)
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
