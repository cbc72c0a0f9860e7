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
	tests := []struct {
		name           string
		chunks, cancel int
		want           []string
		elapsed        time.Duration // fake time until show returns
	}{
		// The user cancels right after seeing 40%. The download notices at
		// once and sends its last status on Progress; if Cancel has closed
		// Progress already, that send panics.
		{"at 40%", 10, 40, []string{"10%", "20%", "30%", "40%", "cancelled at 40%"}, 40 * time.Millisecond},
		{"past the percent asked for", 3, 50, []string{"33%", "66%", "cancelled at 66%"}, 20 * time.Millisecond},
		{"at the first status", 4, 0, []string{"25%", "cancelled at 25%"}, 10 * time.Millisecond},
		// Cancelled after the last chunk: the download is over already and
		// has nothing more to say.
		{"at 100%", 5, 100, []string{"20%", "40%", "60%", "80%", "100%"}, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				out := &racetest.Output{}
				show(out, tt.chunks, tt.cancel)
				if got := out.Lines(); !slices.Equal(got, tt.want) {
					t.Errorf("a download of %d chunks cancelled once it reached %d%% showed %q, want %q", tt.chunks, tt.cancel, got, tt.want)
				}
				if elapsed := time.Since(start); elapsed != tt.elapsed {
					t.Errorf("a download of %d chunks cancelled once it reached %d%% took %v of fake time, want %v: the cancel was not noticed at once", tt.chunks, tt.cancel, elapsed, tt.elapsed)
				}
				racetest.LetFinish()
			})
		})
	}
}
