package main

import (
	"fmt"
	"slices"
	"strings"
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
			racetest.Exit(t, "run returned while %d of %d clips were still being converted", len(playable)-got, len(playable))
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
			racetest.Exit(t, "run returned while %d of %d clips were still being converted", len(clips)-got, len(clips))
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

// festival is a folder other than the package's, with several clips the
// converter cannot read.
var festival = []Clip{
	{"opening.mp4", 25, "mp4"},
	{"jury.avi", 14, "avi"},
	{"short-film.mkv", 61, "mkv"},
	{"q-and-a.mov", 47, "mov"},
	{"archive.flv", 33, "flv"},
	{"trailer.mp4", 8, "mp4"},
	{"backstage.mov", 19, "mov"},
	{"phone.3gp", 5, "3gp"},
	{"award.mkv", 52, "mkv"},
	{"closing.mp4", 38, "mp4"},
}

// festivalReport is what run must print for festival, skipped clips first
// and then the others in the order they finish.
func festivalReport() []string {
	var skipped, converted []Clip
	for _, c := range festival {
		if slices.Contains(formats, c.Format) {
			converted = append(converted, c)
		} else {
			skipped = append(skipped, c)
		}
	}
	slices.SortFunc(converted, func(a, b Clip) int { return a.Seconds - b.Seconds })
	var lines []string
	for _, c := range skipped {
		lines = append(lines, fmt.Sprintf("skipped %s: cannot read %s video", c.Name, c.Format))
	}
	for _, c := range converted {
		lines = append(lines, fmt.Sprintf("converted %s (%ds)", c.Name, c.Seconds))
	}
	return lines
}

func TestManyUnreadableClips(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		run(out, festival)
		if got := len(out.Lines()); got != len(festival) {
			racetest.Exit(t, "with 3 unreadable clips in a folder of %d, run returned while %d clips were still being converted", len(festival), len(festival)-got)
		}
		racetest.LetFinish()
		got, want := out.Lines(), festivalReport()
		slices.Sort(got[:3]) // the skipped clips are reported at the same moment
		slices.Sort(want[:3])
		if !slices.Equal(got, want) {
			t.Errorf("the report for a folder of %d clips, 3 of them unreadable, is\n%s\nwant\n%s", len(festival), out.String(), strings.Join(want, "\n"))
		}
	})
}

// gatedWriter holds every Write until the test lets one through, so the test
// decides when each clip is done.
type gatedWriter struct {
	gate chan struct{}
	out  racetest.Output
}

// Write waits for the test to let one write through, then keeps p.
func (w *gatedWriter) Write(p []byte) (int, error) {
	<-w.gate
	return w.out.Write(p)
}

// TestRunWaitsForTheLastClip holds every clip's report until long after the
// clips are converted, then lets them through one at a time: run must wait
// until the last one is done, however long that takes, and return as soon
// as it is.
func TestRunWaitsForTheLastClip(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gatedWriter{gate: make(chan struct{})}
		returned := make(chan struct{})
		go func() {
			run(w, festival)
			close(returned)
		}()
		hasReturned := func() bool {
			select {
			case <-returned:
				return true
			default:
				return false
			}
		}
		// Far longer than any clip takes: a run that sleeps instead of
		// waiting for its workers has returned by now.
		time.Sleep(3 * time.Second)
		for done := range len(festival) {
			if hasReturned() {
				racetest.Exit(t, "run returned while %d of %d clips were not done yet: it must wait until every clip is converted or skipped", len(festival)-done, len(festival))
				close(w.gate)
				racetest.LetFinish()
				return
			}
			w.gate <- struct{}{}
			synctest.Wait()
		}
		if !hasReturned() {
			t.Errorf("every clip was converted or skipped, but run had not returned: it must return as soon as the last clip is done, not poll or sleep")
			close(w.gate)
			racetest.LetFinish()
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
