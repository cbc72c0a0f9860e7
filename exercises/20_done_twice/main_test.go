package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// playable are clips the converter can read, of different lengths.
var playable = []Clip{
	{"intro.mov", 12, "mov"},
	{"interview.mp4", 40, "mp4"},
	{"credits.mkv", 3, "mkv"},
	{"b-roll.mp4", 30, "mp4"},
}

func TestEveryClipConverted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		run(out, playable)
		if got := len(out.Lines()); got != len(playable) {
			t.Errorf("run returned while %d of %d clips were still being converted", len(playable)-got, len(playable))
		}
		racetest.LetFinish()
	})
}

func TestUnreadableClipSkipped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		// drone.raw is skipped at once; the other clips take 3 to 40ms of
		// fake time, so a WaitGroup that is counted down once too often
		// lets run return before interview.mp4 is done.
		run(out, clips)
		if got := len(out.Lines()); got != len(clips) {
			t.Errorf("run returned while %d of %d clips were still being converted", len(clips)-got, len(clips))
		}
		// Let any clip still converting finish: its Done is the one that
		// takes the counter below zero.
		racetest.LetFinish()
		want := []string{
			"skipped drone.raw: cannot read raw video",
			"converted credits.mkv (3s)",
			"converted intro.mov (12s)",
			"converted b-roll.mp4 (30s)",
			"converted interview.mp4 (40s)",
		}
		if got := out.Lines(); len(got) != len(want) {
			t.Errorf("got %d report lines, want %d:\n%s", len(got), len(want), out.String())
		} else {
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("report line %d is %q, want %q", i+1, got[i], want[i])
				}
			}
		}
	})
}

func TestClipsConvertedAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		run(&racetest.Output{}, playable)
		// The longest clip takes 40ms of fake time; one after another the
		// four would take 85ms.
		if elapsed := time.Since(start); elapsed > 40*time.Millisecond {
			t.Errorf("converting %d clips took %v of fake time: the clips were converted one after another, not at once", len(playable), elapsed)
		}
		racetest.LetFinish()
	})
}
