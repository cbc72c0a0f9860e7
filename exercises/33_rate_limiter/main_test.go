package main

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// pages returns n URLs to crawl.
func pages(n int) []string {
	var urls []string
	for i := 1; i <= n; i++ {
		urls = append(urls, fmt.Sprintf("https://example.com/page/%d", i))
	}
	return urls
}

// site is a fetch function that records when each request came, in fake
// time since start, and takes took to answer.
type site struct {
	start time.Time
	took  time.Duration
	slow  string // a url that takes slowTook instead of took, if any
	meter racetest.Meter

	mu   sync.Mutex
	sent []time.Duration
}

// slowTook is how long the one slow page of an uneven site takes.
const slowTook = 1100 * time.Millisecond

// fetch answers one request.
func (s *site) fetch(url string) {
	s.mu.Lock()
	s.sent = append(s.sent, time.Since(s.start))
	s.mu.Unlock()
	s.meter.Enter()
	if url == s.slow {
		time.Sleep(slowTook)
	} else {
		time.Sleep(s.took)
	}
	s.meter.Leave()
}

// checkRate checks that the requests came exactly one interval apart, the
// first after one interval, as a shared ticker sends them.
func checkRate(t *testing.T, sent []time.Duration, n int) {
	t.Helper()
	slices.Sort(sent)
	for i := 1; i < len(sent); i++ {
		if gap := sent[i] - sent[i-1]; gap < interval {
			t.Errorf("request %d went out at %v, only %v after request %d: the site allows one request every %v", i+1, sent[i], gap, i, interval)
			return
		}
	}
	var want []time.Duration
	for i := 1; i <= n; i++ {
		want = append(want, time.Duration(i)*interval)
	}
	if !slices.Equal(sent, want) {
		t.Errorf("the %d requests went out at %v, want one every %v: %v", n, sent, interval, want)
	}
}

func TestSlowSite(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &site{start: time.Now(), took: 250 * time.Millisecond}
		crawl(pages(8), 4, s.fetch)
		checkRate(t, s.sent, 8)
		// A page takes 250ms and a request may start every 100ms, so the
		// workers must overlap to keep up.
		if got := s.meter.Max(); got < 3 {
			t.Errorf("at most %d fetches ran at once, want 3: the 4 workers did not fetch at the same time", got)
		}
	})
}

func TestFastSite(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &site{start: time.Now()}
		crawl(pages(8), 4, s.fetch)
		checkRate(t, s.sent, 8)
	})
}

func TestUnevenSite(t *testing.T) {
	// One page takes over a second, the others come back at once: three
	// workers are always free, so a request can go out at every tick.
	synctest.Test(t, func(t *testing.T) {
		s := &site{start: time.Now(), slow: pages(1)[0]}
		crawl(pages(12), 4, s.fetch)
		checkRate(t, s.sent, 12)
	})
}

func TestTwoWorkers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := &site{start: time.Now(), took: 150 * time.Millisecond}
		crawl(pages(6), 2, s.fetch)
		checkRate(t, s.sent, 6)
		if got := s.meter.Max(); got != 2 {
			t.Errorf("at most %d fetches ran at once, want 2: the 2 workers did not fetch at the same time", got)
		}
	})
}
