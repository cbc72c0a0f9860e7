package main

import (
	"fmt"
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

// branches returns a company of the tests' own: n regions, most answering at
// the same moment, one with no sales and one with 500, more rows than any
// buffer sized by guesswork has room for.
func branches(n int) []Region {
	rs := make([]Region, n)
	for i := range rs {
		r := Region{Name: fmt.Sprintf("br-%02d", i), Latency: 20 * time.Millisecond}
		switch i {
		case 0:
			r.Latency = 35 * time.Millisecond // the slowest
		case 1:
			// a branch that sold nothing
		case 2:
			for j := range 500 {
				r.Sales = append(r.Sales, 1+j%9)
			}
		default:
			r.Sales = []int{10 * i, 7, 3 * i}
		}
		rs[i] = r
	}
	return rs
}

func TestManyRegions(t *testing.T) {
	for _, n := range []int{2, 12} {
		t.Run(fmt.Sprintf("%d regions", n), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rs := branches(n)
				grand := 0
				var want []string
				for _, r := range rs {
					sum := 0
					for _, amount := range r.Sales {
						sum += amount
					}
					grand += sum
					want = append(want, fmt.Sprintf("%-6s %5d €", r.Name, sum))
				}
				out := &racetest.Output{}
				if got := total(out, rs); got != grand {
					t.Errorf("total of %d regions returned %d €, want %d €", n, got, grand)
				}
				got := out.Lines()
				if len(got) != len(want) {
					t.Fatalf("total printed %d region lines for %d regions, want %d:\n%s", len(got), n, len(want), out.String())
				}
				for i := range want {
					if got[i] != want[i] {
						t.Errorf("region line %d is %q, want %q", i+1, got[i], want[i])
					}
				}
				racetest.LetFinish()
			})
		})
	}
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
		start = time.Now()
		rs := branches(12)
		total(&racetest.Output{}, rs)
		if elapsed := time.Since(start); elapsed > 35*time.Millisecond {
			t.Errorf("fetching %d regions took %v of fake time, but the slowest answers in 35ms: the regions were fetched one after another, not at once", len(rs), elapsed)
		}
		racetest.LetFinish()
	})
}
