// Package checker grades a Go package: it builds the package's tests with
// the race detector, runs them under a wall-clock limit with a cap on the
// output it keeps, runs the concurrency analyzers of go vet and the static
// rules it is given, and returns one verdict for every test and for the
// package.
//
// The checker returns data. It prints nothing, colours nothing and never
// exits the process; the grade command and other callers decide how to show
// a Result.
package checker

import "fmt"

// Verdict is the one word that sums up a test or a package. The words are a
// public contract: JSON reports, the CLI and exit codes use them.
type Verdict string

// The verdicts, in the order that decides between them (see Worse).
const (
	// Pass: every expected test ran and passed under -race, and vet and
	// the rules found nothing.
	Pass Verdict = "pass"
	// Build: the package or its tests do not compile.
	Build Verdict = "build"
	// Race: the race detector reported a data race.
	Race Verdict = "race"
	// Panic: a runtime panic or fatal error, such as a send on a closed
	// channel or a negative WaitGroup counter.
	Panic Verdict = "panic"
	// Deadlock: goroutines blocked forever on channels, locks, WaitGroup
	// or Cond.
	Deadlock Verdict = "deadlock"
	// Timeout: still running past the limit with a goroutine running, not
	// blocked (a spin or livelock).
	Timeout Verdict = "timeout"
	// Exit: the code under test returned while its goroutines were still
	// working.
	Exit Verdict = "exit"
	// Fail: a wrong result; no race, no hang.
	Fail Verdict = "fail"
	// Leak: the tests passed but goroutines started by the code are left
	// running.
	Leak Verdict = "leak"
	// Vet: the tests pass but go vet has a concurrency finding.
	Vet Verdict = "vet"
	// Rule: the tests pass but a static rule of the exercise is broken.
	Rule Verdict = "rule"
)

// Verdicts lists every verdict, most decisive first: when several apply, the
// earliest in this list is the one reported.
var Verdicts = []Verdict{Build, Race, Panic, Deadlock, Timeout, Exit, Fail, Leak, Vet, Rule, Pass}

// rank gives each verdict's position in Verdicts.
var rank = func() map[Verdict]int {
	m := make(map[Verdict]int, len(Verdicts))
	for i, v := range Verdicts {
		m[v] = i
	}
	return m
}()

// ParseVerdict returns the verdict named s, or an error naming the valid
// words.
func ParseVerdict(s string) (Verdict, error) {
	if _, ok := rank[Verdict(s)]; ok {
		return Verdict(s), nil
	}
	return "", fmt.Errorf("unknown verdict %q: want one of %v", s, Verdicts)
}

// Worse reports whether v decides over w when both apply.
func (v Verdict) Worse(w Verdict) bool {
	return rank[v] < rank[w]
}

// Worst returns the most decisive of the verdicts given, or Pass when none
// is given.
func Worst(vs ...Verdict) Verdict {
	worst := Pass
	for _, v := range vs {
		if v != "" && v.Worse(worst) {
			worst = v
		}
	}
	return worst
}

// nouns name what each verdict found, in words.
var nouns = map[Verdict]string{
	Pass: "passed", Build: "does not compile", Race: "a data race", Panic: "a panic",
	Deadlock: "a deadlock", Timeout: "did not finish in time", Exit: "returned before its goroutines finished",
	Fail: "a wrong result", Leak: "a goroutine leak", Vet: "a go vet finding", Rule: "a broken rule",
}

// Noun says in words what the verdict found: "a data race", "a deadlock".
func (v Verdict) Noun() string {
	if n, ok := nouns[v]; ok {
		return n
	}
	return string(v)
}
