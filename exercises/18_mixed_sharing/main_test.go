package main

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestUploadsHoldTheirReadings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		// A reading takes 2ms and an upload 5ms of fake time, so the next
		// readings are taken while the uploader still reads its batch, on
		// every run.
		run(out, 10)
		want := []string{
			"uploaded 10.0 10.5 11.0 11.5",
			"uploaded 12.0 12.5 13.0 13.5",
			"uploaded 14.0 14.5",
		}
		if got := out.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("the uploads were\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestReadingWhileUploading(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		run(&racetest.Output{}, 10)
		// Ten readings take 20ms of fake time and three uploads 15ms. When
		// the uploads overlap the readings, run is done after 26ms: the
		// last upload waits 1ms for the one before it and then takes 5ms.
		if elapsed, want := time.Since(start), 26*time.Millisecond; elapsed > want {
			t.Errorf("10 readings and 3 uploads took %v of fake time, not %v: the uploads did not overlap the readings", elapsed, want)
		}
	})
}
