package main

import (
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestEveryChecksumPrinted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		// If run waits on a WaitGroup that no worker ever marks done, every
		// goroutine in the bubble ends up blocked and synctest reports a
		// deadlock here.
		run(out, artifacts)
		lines := out.Lines()
		if len(lines) != len(artifacts) {
			t.Errorf("run returned after %d of %d checksums were printed", len(lines), len(artifacts))
		}
		for _, name := range artifacts {
			if !strings.Contains(out.String(), "  "+name+"\n") {
				t.Errorf("no checksum was printed for %s", name)
			}
		}
		racetest.LetFinish()
	})
}

func TestChecksumsRunAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		run(&racetest.Output{}, artifacts)
		// One file takes 10ms of fake time; four in a row would take 40ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("hashing %d files took %v of fake time: the files were hashed one after another, not at once", len(artifacts), elapsed)
		}
		racetest.LetFinish()
	})
}
