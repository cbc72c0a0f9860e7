package main

import (
	"fmt"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// shift returns the tips of n tables, in cents, that are not the program's
// own, with the biggest tip neither first nor last, and the summary of a
// jar that holds them.
func shift(n int) ([]int, string) {
	tips := make([]int, n)
	total, biggest := 0, 0
	for i := range tips {
		tips[i] = 100 + (i*7919)%2500
		total += tips[i]
		biggest = max(biggest, tips[i])
	}
	return tips, fmt.Sprintf("%d tips, %s in total, the biggest %s", n, dollars(total), dollars(biggest))
}

// withServeTable makes run use fake to serve a table until the test ends.
func withServeTable(t *testing.T, fake func()) {
	saved := serveTable
	serveTable = fake
	t.Cleanup(func() { serveTable = saved })
}

// serialized is set when the waiters were seen to work one at a time or to
// get stuck, so that the test in a synctest bubble (where a waiter that
// waits on a sync.Mutex would stop fake time for good) is skipped.
var serialized bool

func TestTablesServedAtOnce(t *testing.T) {
	tips, want := shift(64)
	// Every table pays only once all of them are being served; then every
	// waiter drops a tip into the jar at the same moment.
	barrier := racetest.NewBarrier(len(tips), 0)
	// The fake is put back only once run has returned: a run that got
	// stuck leaves goroutines that may still call it.
	saved := serveTable
	serveTable = barrier.Wait
	var jar *Jar
	serialized = true // until it returns
	racetest.Within(t, 4*racetest.DefaultLimit, func() { jar = run(tips) })
	serialized = false
	serveTable = saved
	if !barrier.Full() {
		serialized = true
		t.Errorf("at most %d of %d tables were being served at once: the waiters worked one after another (is a lock held while serving?)", barrier.Max(), len(tips))
	}
	if got := jar.Summary(); got != want {
		t.Errorf("the jar holds %q, want %q", got, want)
	}
}

func TestTipsAddUp(t *testing.T) {
	if serialized {
		t.Skip("the waiters work one at a time or got stuck: see TestTablesServedAtOnce")
	}
	one, wantOne := shift(1)
	many, wantMany := shift(100)
	for _, tc := range []struct {
		name string
		tips []int
		want string
	}{
		{"sample", tips, "6 tips, $58.00 in total, the biggest $20.00"},
		{"1_table", one, wantOne},
		{"100_tables", many, wantMany},
	} {
		tips, want := tc.tips, tc.want
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				// Each table takes a different time, so every tip is
				// dropped into the jar alone and none can be lost to
				// timing.
				var turn atomic.Int64
				withServeTable(t, func() {
					time.Sleep(time.Duration(turn.Add(1)) * time.Millisecond)
				})
				if got := run(tips).Summary(); got != want {
					t.Errorf("the jar holds %q, want %q", got, want)
				}
			})
		})
	}
}
