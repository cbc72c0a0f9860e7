package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestAllPhotosResized(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		run(out)
		// Fake time stands still until every goroutine in the bubble is
		// blocked, so the workers are still asleep here unless run waited.
		if got := len(out.Lines()); got != len(photos) {
			racetest.Exit(t, "run returned while %d of %d workers were still working", len(photos)-got, len(photos))
		}
		racetest.LetFinish()
	})
}

func TestWorkersRunAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		out := &racetest.Output{}
		run(out)
		// One photo takes 10ms of fake time; five in a row would take 50ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("resizing %d photos took %v of fake time: the workers ran one after another, not at once", len(photos), elapsed)
		}
		racetest.LetFinish()
	})
}
