// Package marker owns the marker lines that racekit's test helpers print
// and its checker reads: one line that names a verdict, then says what
// went wrong.
//
//	racekit: exit: run returned while 3 of 5 workers were still working
//
// Package racetest formats markers with Format; the checker finds them in
// a test's output with Find. The package holds only pure functions, so it
// is safe in any goroutine, inside a testing/synctest bubble too.
package marker

import "strings"

// Prefix starts every marker line.
const Prefix = "racekit: "

// Kind is the verdict a marker names.
type Kind string

// The kinds of marker.
const (
	// Exit marks a premature exit: the code under test returned while
	// goroutines it started were still working.
	Exit Kind = "exit"
	// Leak marks goroutines left running after the code under test
	// returned and its test passed.
	Leak Kind = "leak"
	// Stuck marks code that did not finish within its limit; the goroutine
	// dump printed beside it tells a deadlock from a spin.
	Stuck Kind = "stuck"
	// Deadlock marks code that is known to be blocked forever.
	Deadlock Kind = "deadlock"
	// Timeout marks code that ran past its limit. No racetest helper
	// prints it, but a test may.
	Timeout Kind = "timeout"
)

// kinds lists every kind; no kind's name starts another's.
var kinds = []Kind{Exit, Leak, Stuck, Deadlock, Timeout}

// Format returns the marker line of the given kind saying msg.
func Format(kind Kind, msg string) string {
	return Prefix + string(kind) + ": " + msg
}

// Parse reads the marker that s starts with: its kind and its message, up
// to the end of the line. ok is false when s does not start with a marker
// of a known kind.
func Parse(s string) (kind Kind, msg string, ok bool) {
	rest, found := strings.CutPrefix(s, Prefix)
	if !found {
		return "", "", false
	}
	for _, k := range kinds {
		if m, found := strings.CutPrefix(rest, string(k)+": "); found {
			m, _, _ = strings.Cut(m, "\n")
			return k, m, true
		}
	}
	return "", "", false
}

// Find returns the message of the first marker of each kind in text,
// wherever on a line the marker starts; a kind that text has no marker of
// is absent.
func Find(text string) map[Kind]string {
	found := map[Kind]string{}
	for {
		i := strings.Index(text, Prefix)
		if i < 0 {
			return found
		}
		text = text[i:]
		kind, msg, ok := Parse(text)
		if !ok {
			text = text[len(Prefix):]
			continue
		}
		if _, seen := found[kind]; !seen {
			found[kind] = msg
		}
		text = text[len(Format(kind, msg)):]
	}
}
