package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// burst returns n download sizes, all different, that are not the
// program's own, and what they add up to.
func burst(n int) ([]int64, int64) {
	sizes := make([]int64, n)
	var total int64
	for i := range sizes {
		sizes[i] = int64(1000 + 37*i)
		total += sizes[i]
	}
	return sizes, total
}

// withSend makes serve use fake for sending until the test ends.
func withSend(t *testing.T, fake func(size int64)) {
	saved := send
	send = fake
	t.Cleanup(func() { send = saved })
}

// serialized is set when the handlers were seen to run one at a time, so
// that the test that runs serve in a synctest bubble (where a handler that
// waits on a sync.Mutex held across a send would stop fake time for good)
// is skipped.
var serialized bool

func TestRequestsServedAtOnce(t *testing.T) {
	sizes, _ := burst(64)
	// Every send waits until all of them are sending at once, then they
	// all update the counters at the same moment.
	barrier := racetest.NewBarrier(len(sizes), 0)
	// The fake is put back only once serve has returned: a serve that got
	// stuck leaves goroutines that may still call it.
	saved := send
	send = func(int64) { barrier.Wait() }
	serialized = true // until it returns
	racetest.Within(t, 4*racetest.DefaultLimit, func() { serve(sizes) })
	serialized = false
	send = saved
	if !barrier.Full() {
		serialized = true
		t.Errorf("at most %d of %d downloads were being sent at once: the handlers ran one after another (is a lock held while sending?)", barrier.Max(), len(sizes))
	}
}

func TestCountersAddUp(t *testing.T) {
	if serialized {
		t.Skip("the handlers run one at a time or got stuck: see TestRequestsServedAtOnce")
	}
	for _, n := range []int{1, 7, 100} {
		sizes, total := burst(n)
		synctest.Test(t, func(t *testing.T) {
			// Each download takes as many microseconds of fake time as it
			// has bytes, so the handlers finish one after another and
			// every update to the counters is counted.
			withSend(t, func(size int64) { time.Sleep(time.Duration(size) * time.Microsecond) })
			served, sent := serve(sizes)
			if served != int64(n) {
				t.Errorf("the served counter says %d requests, but %d were served: %d updates were lost", served, n, int64(n)-served)
			}
			if sent != total {
				t.Errorf("the sent counter says %d bytes, but %d were sent: %d bytes were lost", sent, total, total-sent)
			}
		})
	}
}
