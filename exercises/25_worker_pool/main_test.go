package main

import (
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// site returns n made-up urls.
func site(n int) []string {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://example.com/page/%d", i)
	}
	return urls
}

// meteredCheck returns a check function that takes 10ms of fake time,
// answers 404 for broken and 200 for every other url, and records in m how
// many checks run at once.
func meteredCheck(m *racetest.Meter, broken string) func(string) int {
	return func(url string) int {
		m.Enter()
		defer m.Leave()
		time.Sleep(10 * time.Millisecond)
		if url == broken {
			return 404
		}
		return 200
	}
}

func TestEveryLinkChecked(t *testing.T) {
	tests := []struct {
		links, workers int
	}{
		{10, 3},
		// A whole site: more results than any buffer sized by guesswork
		// has room for.
		{1100, 16},
		{2, 5}, // more workers than links
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d links, %d workers", tt.links, tt.workers), func(t *testing.T) {
			checkSite(t, tt.links, tt.workers)
		})
	}
}

// checkSite checks a site of n links with a pool of workers and expects one
// right result per link, from exactly min(n, workers) checks at once.
func checkSite(t *testing.T, n, workers int) {
	synctest.Test(t, func(t *testing.T) {
		urls := site(n)
		broken := urls[len(urls)-1]
		m := &racetest.Meter{}
		// If checkLinks waits for the workers before anyone receives their
		// results, every goroutine ends up blocked and synctest reports a
		// deadlock here.
		results := checkLinks(urls, workers, meteredCheck(m, broken))
		seen := make(map[string]int)
		for _, r := range results {
			seen[r.URL]++
			want := 200
			if r.URL == broken {
				want = 404
			}
			if r.Status != want {
				t.Errorf("%s got status %d, want %d", r.URL, r.Status, want)
			}
		}
		missing := 0
		for _, u := range urls {
			switch n := seen[u]; {
			case n == 0:
				missing++
			case n > 1:
				t.Errorf("%s was reported %d times, want once", u, n)
			}
		}
		if missing > 0 {
			t.Errorf("checkLinks returned results for %d of %d links", len(urls)-missing, len(urls))
		}
		if got := m.Finished(); got != len(urls) {
			t.Errorf("%d checks ran for %d links, want one per link", got, len(urls))
		}
		if got, want := m.Max(), min(n, workers); got != want {
			t.Errorf("at most %d of %d links were checked at once by a pool of %d workers, want %d", got, n, workers, want)
		}
		racetest.LetFinish()
	})
}

func TestWorkersRunAtOnce(t *testing.T) {
	for _, workers := range []int{1, 3, 4} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := &racetest.Meter{}
				checkLinks(site(12), workers, meteredCheck(m, ""))
				if got := m.Max(); got != workers {
					t.Errorf("at most %d links were checked at once by a pool of %d workers, want %d", got, workers, workers)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestNoLinks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if got := checkLinks(nil, 3, meteredCheck(&racetest.Meter{}, "")); len(got) != 0 {
			t.Errorf("checking no links returned %d results, want none", len(got))
		}
	})
}
