package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestEveryUserFinishes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const users = 5
		out := &racetest.Output{}
		loadTest(out, users)
		// Fake time stands still until every goroutine in the bubble is
		// blocked, so the users are still waiting for their turn or visiting
		// here unless loadTest waited for them.
		if got := len(out.Lines()); got != users {
			racetest.Exit(t, "loadTest returned while %d of %d users were still visiting", users-got, users)
		}
		racetest.LetFinish()
	})
}

func TestUsersOverlap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const users = 5
		start := time.Now()
		loadTest(&racetest.Output{}, users)
		// The last user starts after users ramp-up steps and visits for
		// visitTime; then every user is done.
		want := users*rampUp + visitTime
		if elapsed := time.Since(start); elapsed > want {
			t.Errorf("the load test took %v of fake time, but %d users visiting at once are done after %v: it waited %v too long (a sleep, or users visiting one after another)",
				elapsed, users, want, elapsed-want)
		}
		racetest.LetFinish()
	})
}
