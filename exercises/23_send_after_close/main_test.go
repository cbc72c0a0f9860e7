package main

import (
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestDownloadCompletes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		out := &racetest.Output{}
		show(out, 5, 101) // never cancelled
		want := []string{"20%", "40%", "60%", "80%", "100%"}
		if got := out.Lines(); !slices.Equal(got, want) {
			t.Errorf("a download of 5 chunks showed %q, want %q", got, want)
		}
		// Five chunks take 50ms of fake time, downloaded while the
		// progress is shown.
		if elapsed := time.Since(start); elapsed != 50*time.Millisecond {
			t.Errorf("a download of 5 chunks took %v of fake time, want 50ms", elapsed)
		}
		racetest.LetFinish()
	})
}

func TestDownloadCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		out := &racetest.Output{}
		// The user cancels right after seeing 40%. The download notices at
		// once and sends its last status on Progress; if Cancel has closed
		// Progress already, that send panics.
		show(out, 10, 40)
		want := []string{"10%", "20%", "30%", "40%", "cancelled at 40%"}
		if got := out.Lines(); !slices.Equal(got, want) {
			t.Errorf("a download cancelled at 40%% showed %q, want %q", got, want)
		}
		if elapsed := time.Since(start); elapsed != 40*time.Millisecond {
			t.Errorf("a download cancelled after 4 chunks took %v of fake time, want 40ms: the cancel was not noticed at once", elapsed)
		}
		racetest.LetFinish()
	})
}
