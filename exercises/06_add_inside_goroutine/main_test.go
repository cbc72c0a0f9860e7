package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// useVisits makes each user's visit take a time of the test's own for the
// length of t: a different number of seconds for each user, plus a
// nanosecond, so that the users finish one at a time and no guessed wait
// matches the load test. It returns how long after the start the last user
// finishes, and a meter of the users visiting at once.
func useVisits(t *testing.T, users int) (time.Duration, *racetest.Meter) {
	if racetest.Abandoned() {
		t.Skip("skipped: an earlier test never finished, so its goroutines still use visit")
	}
	took := map[int]time.Duration{}
	var last time.Duration
	for u := 1; u <= users; u++ {
		took[u] = time.Duration((u*7)%users+1)*time.Second + time.Nanosecond
		last = max(last, time.Duration(u)*rampUp+took[u])
	}
	meter := &racetest.Meter{}
	old := visit
	t.Cleanup(func() {
		if !racetest.Abandoned() {
			visit = old
		}
	})
	visit = func(user int) time.Duration {
		meter.Enter()
		defer meter.Leave()
		time.Sleep(took[user])
		return took[user]
	}
	return last, meter
}

// crowds are the numbers of users the tests run: as many as main starts,
// and many more.
var crowds = []int{5, 30}

func TestEveryUserFinishes(t *testing.T) {
	for _, users := range crowds {
		t.Run(fmt.Sprintf("%d users", users), func(t *testing.T) {
			useVisits(t, users)
			racetest.InBubble(t, racetest.DefaultLimit, func(t *testing.T) {
				out := &racetest.Output{}
				loadTest(out, users)
				// Fake time stands still until every goroutine in the
				// bubble is blocked, so the users are still waiting for
				// their turn or visiting here unless loadTest waited for
				// them.
				if got := len(out.Lines()); got != users {
					racetest.Exit(t, "loadTest returned while %d of %d users were still visiting", users-got, users)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestUsersOverlap(t *testing.T) {
	for _, users := range crowds {
		t.Run(fmt.Sprintf("%d users", users), func(t *testing.T) {
			last, meter := useVisits(t, users)
			racetest.InBubble(t, racetest.DefaultLimit, func(t *testing.T) {
				start := time.Now()
				loadTest(&racetest.Output{}, users)
				elapsed := time.Since(start)
				// Users start one ramp-up step apart and then visit at
				// the same time; the test is over when the last is done.
				if meter.Max() < 2 {
					t.Errorf("the %d users visited the shop one after another: they must visit at the same time", users)
				} else if elapsed > last && meter.Finished() == users {
					t.Errorf("the last of %d users was done after %v of fake time, but the load test took %v: wait for the users, not for a guessed time",
						users, last, elapsed)
				}
				racetest.LetFinish()
			})
		})
	}
}
