// Package racetest holds the helpers that racekit's exercise tests share.
//
// Each helper makes a concurrency bug show up on every run rather than by
// timing luck, and reports it with a marker line that the grader reads:
//
//	racekit: exit: run returned while 3 of 5 workers were still working
//
// The marker names the verdict (exit, leak, stuck, ...) so that the grader
// can tell a premature exit from a wrong result without guessing from text.
// Markers only ever explain a failing test: a test that passes is a pass,
// whatever it printed.
package racetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest/marker"
)

// MarkerPrefix starts every verdict marker that the helpers print. It is
// marker.Prefix, which owns the format.
const MarkerPrefix = marker.Prefix

// Marker kinds understood by the grader, as package marker names them.
const (
	// KindExit marks a premature exit: the code under test returned while
	// goroutines it started were still working.
	KindExit = marker.Exit
	// KindLeak marks goroutines left running after the code under test
	// returned and its test passed.
	KindLeak = marker.Leak
	// KindStuck marks code that did not finish within its limit; the
	// goroutine dump printed beside it tells a deadlock from a spin.
	KindStuck = marker.Stuck
	// KindDeadlock marks code that is known to be blocked forever.
	KindDeadlock = marker.Deadlock
)

// Marker formats one marker line of the given kind.
func Marker(kind marker.Kind, format string, args ...any) string {
	return marker.Format(kind, fmt.Sprintf(format, args...))
}

// Exit fails t with an exit marker: the code under test returned while its
// goroutines were still working. It prints every goroutine's stack too, so
// that the grader can say where the unfinished goroutines were started.
func Exit(t testing.TB, format string, args ...any) {
	t.Helper()
	t.Log("goroutine dump:\n" + allStacks())
	t.Error(Marker(KindExit, format, args...))
}

// Leak fails t with a leak marker: goroutines started by the code under
// test are still running after it returned.
func Leak(t testing.TB, format string, args ...any) {
	t.Helper()
	t.Error(Marker(KindLeak, format, args...))
}

// Deadlock fails t with a deadlock marker: the code under test is blocked
// forever.
func Deadlock(t testing.TB, format string, args ...any) {
	t.Helper()
	t.Error(Marker(KindDeadlock, format, args...))
}

// LetFinish lets goroutines that are asleep in fake time wake up and finish.
// Call it at the end of a testing/synctest bubble after a check that found
// workers still running, so the bubble can end cleanly: synctest.Test
// panics if its function returns while goroutines in the bubble are still
// asleep. Goroutines blocked forever on a channel stay blocked, and the
// bubble then reports a deadlock, as it should.
func LetFinish() {
	time.Sleep(24 * time.Hour)
}
