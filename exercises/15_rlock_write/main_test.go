package main

import (
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestOrdersPriced(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		checkout(out, newCache(), orders)
		got := out.Lines()
		slices.Sort(got)
		want := []string{
			"order 1: 40.00 EUR = $43.20",
			"order 2: 25.00 GBP = $31.75",
			"order 3: 3000.00 JPY = $20.10",
			"order 4: 80.00 CHF = $90.40",
			"order 5: 15.00 EUR = $16.20",
			"order 6: 60.00 GBP = $76.20",
		}
		if !slices.Equal(got, want) {
			t.Errorf("checkout wrote\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestCacheCountsEveryLookup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCache()
		// Every checkout looks its rate up at the same fake instant: the
		// first batch finds an empty cache, the second finds every rate.
		checkout(&racetest.Output{}, c, orders)
		checkout(&racetest.Output{}, c, orders)
		hits, misses := c.Stats()
		if hits != len(orders) || misses != len(orders) {
			t.Errorf("the cache counted %d hits and %d misses for %d lookups, want %d and %d", hits, misses, 2*len(orders), len(orders), len(orders))
		}
	})
}

func TestRatesFetchedAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		checkout(&racetest.Output{}, newCache(), orders)
		// One rate takes 10ms of fake time to fetch; fetched one after
		// another, the six would take 60ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("pricing %d orders took %v of fake time: the rates were fetched one after another, not at once", len(orders), elapsed)
		}
	})
}
