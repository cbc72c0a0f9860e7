package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// healthy is a fleet where every server answers.
var healthy = []Server{
	{"web-1", 20 * time.Millisecond, false},
	{"web-2", 30 * time.Millisecond, false},
	{"cache-1", 10 * time.Millisecond, false},
}

func TestHealthyFleet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if err := checkFleet(healthy); err != nil {
			t.Errorf("checkFleet of a healthy fleet returned %v, want nil", err)
		}
		// The slowest server answers in 30ms of fake time; one ping after
		// another would take 60ms.
		if elapsed := time.Since(start); elapsed > 30*time.Millisecond {
			t.Errorf("pinging %d servers took %v of fake time: the servers were pinged one after another, not at once", len(healthy), elapsed)
		}
		racetest.LetFinish()
	})
}

func TestServerDown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		// db-1 fails after 5ms of fake time, while the other three pings
		// are still waiting for their answers. If nobody receives those
		// answers, every goroutine ends up blocked and synctest reports a
		// deadlock here.
		err := checkFleet(fleet)
		if err == nil || err.Error() != "db-1 is not answering" {
			t.Errorf("checkFleet returned %v, want the error of db-1", err)
		}
		if elapsed := time.Since(start); elapsed > 30*time.Millisecond {
			t.Errorf("checking %d servers took %v of fake time: the servers were pinged one after another, not at once", len(fleet), elapsed)
		}
		racetest.LetFinish()
	})
}
