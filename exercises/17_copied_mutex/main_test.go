package main

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

func TestEveryVoteCounted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		want := make([]int, len(candidates))
		for _, counts := range stations {
			for i, n := range counts {
				want[i] += n
			}
		}
		// Every station finishes counting at the same fake instant, so
		// the reports reach the tally together on every run.
		if got := run(stations); !slices.Equal(got, want) {
			t.Errorf("the tally has %v votes for %v, want %v", got, candidates, want)
		}
	})
}

func TestStationsCountAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		run(stations)
		// One station takes 10ms of fake time to count; one after
		// another, the five would take 50ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("counting %d stations took %v of fake time: the stations counted one after another, not at once", len(stations), elapsed)
		}
	})
}
