package racetest

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// abandoned is set once InBubble has given up on a bubble in this test
// binary, that is, in this package's tests.
var abandoned atomic.Bool

// InBubble runs f in a testing/synctest bubble (synctest.Test) and waits at
// most limit of its own time (see Within) for it to finish; a zero limit means
// DefaultLimit. Fake time moves only when every goroutine in the bubble
// waits, so code that spins on a flag instead of waiting stops the clock.
// If the bubble does not finish in time, InBubble fails t as Within does,
// with a goroutine dump and a stuck marker, and abandons the bubble: its
// goroutines go on running. From then on Abandoned reports true, so that
// the tests after it can skip, or leave alone the package state that those
// goroutines still use:
//
//	func useBatch(t *testing.T) {
//		if racetest.Abandoned() {
//			t.Skip("skipped: an earlier test never finished, so its goroutines still use the photos")
//		}
//		old := photos
//		t.Cleanup(func() {
//			if !racetest.Abandoned() {
//				photos = old
//			}
//		})
//		...
//	}
func InBubble(t *testing.T, limit time.Duration, f func(t *testing.T)) {
	t.Helper()
	runAbandoning(&abandoned, t, limit, func() { synctest.Test(t, f) })
}

// Abandoned reports whether InBubble has given up on a bubble in this
// package's tests, leaving goroutines running.
func Abandoned() bool {
	return abandoned.Load()
}

// runAbandoning runs fn as Within does and sets gaveUp when Within gave up
// on it, whether t.Fatal ended the calling goroutine or not.
func runAbandoning(gaveUp *atomic.Bool, t testing.TB, limit time.Duration, fn func()) {
	t.Helper()
	var finished atomic.Bool
	defer func() {
		if !finished.Load() {
			gaveUp.Store(true)
		}
	}()
	Within(t, limit, func() {
		defer finished.Store(true)
		fn()
	})
}
