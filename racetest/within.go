package racetest

import (
	"fmt"
	"runtime"
	"testing"
	"time"
)

// DefaultLimit is how long Within waits when given a zero limit.
const DefaultLimit = 2 * time.Second

// Within runs fn and waits at most limit of its own time for it to return:
// real time, less what the test's threads waited for a CPU on a busy
// machine, so the load never decides the verdict. If
// it does not, Within prints every goroutine's stack and fails t with a
// stuck marker; the grader reads the stacks to tell a deadlock (all waiting
// on channels or locks) from a spin (a goroutine still running). The stuck
// goroutines are abandoned, so the remaining tests still run.
//
// Use Within for code that can block on a sync.Mutex, which a
// testing/synctest bubble cannot detect as blocked.
func Within(t testing.TB, limit time.Duration, fn func()) {
	t.Helper()
	if limit <= 0 {
		limit = DefaultLimit
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	if waitOwnTime(limit, done) {
		return
	}
	t.Log("goroutine dump:\n" + allStacks())
	t.Fatal(Marker(KindStuck, "did not finish within %v", limit))
}

// allStacks returns the stacks of every goroutine, growing the buffer until
// the dump fits.
func allStacks() string {
	for size := 1 << 16; ; size *= 2 {
		buf := make([]byte, size)
		if n := runtime.Stack(buf, true); n < size {
			return string(buf[:n])
		}
		if size > 64<<20 {
			return fmt.Sprintf("%s\n... goroutine dump cut at %d bytes", buf, size)
		}
	}
}
