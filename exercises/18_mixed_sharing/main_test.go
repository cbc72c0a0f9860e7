package main

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// wantUploads returns the uploads of n readings, batchSize to a line.
func wantUploads(n int) []string {
	var lines []string
	for i := 0; i < n; i += batchSize {
		line := "uploaded"
		for j := i; j < min(i+batchSize, n); j++ {
			line += fmt.Sprintf(" %.1f", 10+float64(j)/2)
		}
		lines = append(lines, line)
	}
	return lines
}

func TestUploadsHoldTheirReadings(t *testing.T) {
	// 40 readings make ten batches: more than any handful of buffers kept
	// for reuse.
	for _, n := range []int{1, 4, 10, 13, 40} {
		t.Run(fmt.Sprint(n, "_readings"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				out := &racetest.Output{}
				// A reading takes 2ms and an upload 5ms of fake time, so
				// the next readings are taken while the uploader still
				// reads its batch, on every run.
				run(out, n)
				want := wantUploads(n)
				if got := out.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("the uploads of %d readings were\n%s\nwant\n%s", n, strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			})
		})
	}
}

func TestReadingWhileUploading(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want time.Duration
	}{
		// Ten readings take 20ms of fake time and three uploads 15ms.
		// When the uploads overlap the readings, run is done after 26ms:
		// the last upload waits 1ms for the one before it and then takes
		// 5ms.
		{10, 26 * time.Millisecond},
		// Forty readings make a batch every 8ms, and each upload is done
		// 5ms later: run is done 5ms after the last reading.
		{40, 85 * time.Millisecond},
	} {
		t.Run(fmt.Sprint(tc.n, "_readings"), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				run(&racetest.Output{}, tc.n)
				if elapsed := time.Since(start); elapsed > tc.want {
					t.Errorf("%d readings and %d uploads took %v of fake time, not %v: the uploads did not overlap the readings", tc.n, len(wantUploads(tc.n)), elapsed, tc.want)
				}
			})
		})
	}
}
