package racetest

import (
	"testing"

	"go.uber.org/goleak"
)

// CheckLeaks records the goroutines alive now and, when t ends, fails t with
// a leak marker if goroutines started since then are still alive. Call it
// first in a test, outside any testing/synctest bubble:
//
//	racetest.CheckLeaks(t)
//	fetch(ctx, slowBackend)
//
// goroutines that are on their way out are given a short while to finish, so
// a correct program never fails the check.
func CheckLeaks(t testing.TB, opts ...goleak.Option) {
	t.Helper()
	opts = append([]goleak.Option{goleak.IgnoreCurrent()}, opts...)
	t.Cleanup(func() {
		t.Helper()
		if err := goleak.Find(opts...); err != nil {
			t.Error(Marker(KindLeak, "goroutines are still running after the test ended\n%v", err))
		}
	})
}
