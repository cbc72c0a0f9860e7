package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestGrandTotal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		// Each region answers after 10 to 30ms of fake time. If every fetch
		// closes rows, the second close panics.
		if got, want := total(out, regions), 760; got != want {
			t.Errorf("total returned %d €, want %d €", got, want)
		}
		want := []string{
			"north    245 €",
			"south    315 €",
			"east     200 €",
		}
		got := out.Lines()
		if len(got) != len(want) {
			t.Fatalf("total printed %d region lines, want %d:\n%s", len(got), len(want), out.String())
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("region line %d is %q, want %q", i+1, got[i], want[i])
			}
		}
		racetest.LetFinish()
	})
}

func TestOneRegion(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if got, want := total(&racetest.Output{}, regions[:1]), 245; got != want {
			t.Errorf("total of the north region returned %d €, want %d €", got, want)
		}
		racetest.LetFinish()
	})
}

func TestRegionsFetchedAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		total(&racetest.Output{}, regions)
		// The slowest region answers in 30ms of fake time; the three one
		// after another would take 60ms.
		if elapsed := time.Since(start); elapsed > 30*time.Millisecond {
			t.Errorf("fetching %d regions took %v of fake time: the regions were fetched one after another, not at once", len(regions), elapsed)
		}
		racetest.LetFinish()
	})
}
