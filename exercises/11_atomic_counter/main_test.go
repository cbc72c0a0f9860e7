package main

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestCountersAddUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var want int64
		for _, size := range downloads {
			want += size
		}
		// Every handler wakes up at the same fake instant and updates the
		// counters, so the updates overlap on every run.
		served, sent := serve(downloads)
		if served != int64(len(downloads)) {
			t.Errorf("the served counter says %d requests, but %d were served: updates were lost", served, len(downloads))
		}
		if sent != want {
			t.Errorf("the sent counter says %d bytes, but %d were sent: updates were lost", sent, want)
		}
	})
}

func TestRequestsServedAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		serve(downloads)
		// One download takes 10ms of fake time; served one after another,
		// the burst would take 80ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("serving %d downloads took %v of fake time: the handlers ran one after another, not at once", len(downloads), elapsed)
		}
	})
}
