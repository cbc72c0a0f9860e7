package main

import (
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// meteredFetch returns a fetch function that takes 10ms of fake time,
// returns the length of the package name as its size, and records in m how
// many downloads run at once.
func meteredFetch(m *racetest.Meter) func(string) int {
	return func(pkg string) int {
		m.Enter()
		defer m.Leave()
		time.Sleep(10 * time.Millisecond)
		return len(pkg)
	}
}

// names returns n package names of different lengths.
func names(n int) []string {
	pkgs := make([]string, n)
	for i := range pkgs {
		pkgs[i] = fmt.Sprintf("pkg-%0*d", i+1, i)
	}
	return pkgs
}

func TestNeverMoreThanLimit(t *testing.T) {
	for _, limit := range []int{1, 3, 4} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				pkgs := names(10)
				m := &racetest.Meter{}
				downloadAll(pkgs, limit, meteredFetch(m))
				if got := m.Max(); got > limit {
					t.Errorf("%d downloads ran at once, but the limit is %d", got, limit)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestLimitUsedInFull(t *testing.T) {
	for _, limit := range []int{3, 4} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := &racetest.Meter{}
				start := time.Now()
				downloadAll(names(10), limit, meteredFetch(m))
				if got := m.Max(); got < limit {
					t.Errorf("at most %d downloads ran at once, but %d are allowed", got, limit)
				}
				// 10 downloads of 10ms, limit at a time, take
				// ceil(10/limit) rounds of 10ms each.
				rounds := (10 + limit - 1) / limit
				if elapsed, want := time.Since(start), time.Duration(rounds)*10*time.Millisecond; elapsed > want {
					t.Errorf("10 downloads with a limit of %d took %v of fake time, want %v", limit, elapsed, want)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestEveryPackageDownloaded(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		pkgs := names(7)
		m := &racetest.Meter{}
		sizes := downloadAll(pkgs, 3, meteredFetch(m))
		want := make([]int, len(pkgs))
		for i, p := range pkgs {
			want[i] = len(p)
		}
		if !slices.Equal(sizes, want) {
			t.Errorf("downloadAll returned sizes %v, want %v", sizes, want)
		}
		if got := m.Finished(); got != len(pkgs) {
			t.Errorf("%d downloads finished for %d packages, want one each", got, len(pkgs))
		}
		racetest.LetFinish()
	})
}
