package main

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// election returns the counts of n polling stations, for the program's
// candidates, that are not the program's own, and their sum per candidate.
func election(n int) ([][]int, []int) {
	counts := make([][]int, n)
	want := make([]int, len(candidates))
	for s := range counts {
		counts[s] = make([]int, len(candidates))
		for c := range counts[s] {
			counts[s][c] = 1 + (s*31+c*17)%200
			want[c] += counts[s][c]
		}
	}
	return counts, want
}

// serialized is set when the stations were seen to report one at a time or
// run got stuck, so that the test in a synctest bubble (where a station
// that waits on a lock held while counting would stop fake time for good)
// is skipped.
var serialized bool

func TestStationsCountAtOnce(t *testing.T) {
	counts, want := election(64)
	// Every station finishes counting only once all of them are counting;
	// then they all report to the tally at the same moment.
	barrier := racetest.NewBarrier(len(counts), 0)
	// The fake is put back only once run has returned: a run that got
	// stuck leaves goroutines that may still call it.
	saved := countBallots
	countBallots = barrier.Wait
	serialized = true // until run returns
	var got []int
	racetest.Within(t, 4*racetest.DefaultLimit, func() { got = run(counts) })
	serialized = false
	countBallots = saved
	if !barrier.Full() {
		serialized = true
		t.Errorf("at most %d of %d stations were counting at once: the stations counted one after another (is a lock held while counting?)", barrier.Max(), len(counts))
	}
	if !slices.Equal(got, want) {
		t.Errorf("the tally has %v votes for %v from %d stations, want %v", got, candidates, len(counts), want)
	}
}

func TestEveryVoteCounted(t *testing.T) {
	if serialized {
		t.Skip("the stations count one at a time or run got stuck: see TestStationsCountAtOnce")
	}
	one, wantOne := election(1)
	many, wantMany := election(100)
	sample := make([]int, len(candidates))
	for _, counts := range stations {
		for i, n := range counts {
			sample[i] += n
		}
	}
	for _, tc := range []struct {
		name     string
		stations [][]int
		want     []int
	}{
		{"sample", stations, sample},
		{"1_station", one, wantOne},
		{"100_stations", many, wantMany},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				// Every station finishes counting at the same fake
				// instant, so the reports reach the tally together.
				start := time.Now()
				if got := run(tc.stations); !slices.Equal(got, tc.want) {
					t.Errorf("the tally has %v votes for %v, want %v", got, candidates, tc.want)
				}
				if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
					t.Errorf("counting %d stations took %v of fake time: the stations counted one after another, not at once", len(tc.stations), elapsed)
				}
			})
		})
	}
}
