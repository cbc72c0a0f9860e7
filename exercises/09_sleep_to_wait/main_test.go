package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// batch is a day with one very long video: it takes 900ms of fake time to
// encode.
var batch = []video{
	{"short.mp4", 2},
	{"talk.mp4", 30},
	{"webinar.mp4", 90},
	{"clip.mp4", 6},
}

func TestEveryVideoEncoded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		run(out, batch)
		// Fake time stands still until every goroutine in the bubble is
		// blocked, so a video that takes longer than run waited is still
		// being encoded here.
		if got := len(out.Lines()); got != len(batch) {
			racetest.Exit(t, "run returned while %d of %d videos were still being encoded", len(batch)-got, len(batch))
		}
		racetest.LetFinish()
	})
}

func TestReturnsWhenLastVideoDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var longest time.Duration
		for _, v := range batch {
			longest = max(longest, time.Duration(v.minutes)*10*time.Millisecond)
		}
		start := time.Now()
		run(&racetest.Output{}, batch)
		// Videos encoded at once are all done when the longest one is.
		if elapsed := time.Since(start); elapsed > longest {
			t.Errorf("run took %v of fake time, but %d videos encoded at once are done after %v: run waited %v too long (a sleep, or videos encoded one after another)",
				elapsed, len(batch), longest, elapsed-longest)
		}
		racetest.LetFinish()
	})
}
