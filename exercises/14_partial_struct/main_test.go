package main

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestTipsAddUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Every table pays at the same fake instant, so the waiters add
		// their tips to the jar together on every run.
		got := run(tips).Summary()
		want := "6 tips, $58.00 in total, the biggest $20.00"
		if got != want {
			t.Errorf("the jar holds %q, want %q", got, want)
		}
	})
}

func TestTablesServedAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		run(tips)
		// One table takes 10ms of fake time; served one after another,
		// the six would take 60ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("serving %d tables took %v of fake time: the waiters worked one after another, not at once", len(tips), elapsed)
		}
	})
}
