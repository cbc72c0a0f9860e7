package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestEveryLogLineWritten(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		run(out)
		// Fake time stands still until every goroutine in the bubble is
		// blocked, so the log writer is still busy here unless run waited.
		if got := len(out.Lines()); got != len(files) {
			racetest.Exit(t, "run returned while the log writer still had %d of %d lines to write", len(files)-got, len(files))
		}
		racetest.LetFinish()
	})
}

func TestLogWrittenAlongsideUploads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		out := &racetest.Output{}
		run(out)
		elapsed := time.Since(start)
		racetest.LetFinish()
		// Each upload takes 10ms and each log line 7ms of fake time. When
		// the log is written alongside the uploads, only the last line adds
		// its 7ms; written between uploads, every line does.
		want := time.Duration(len(files))*10*time.Millisecond + 7*time.Millisecond
		if elapsed > want {
			t.Errorf("backing up %d files took %v of fake time, not %v: the log was written between the uploads, not alongside them", len(files), elapsed, want)
		}
	})
}
