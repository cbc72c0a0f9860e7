package main

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// store records the parts it receives, from many goroutines at once.
type store struct {
	mu       sync.Mutex
	received []int
}

// receive records part.
func (s *store) receive(part int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received = append(s.received, part)
}

// check fails t unless the store received each of the parts 0 to n-1 once.
func (s *store) check(t *testing.T, n int) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	got := slices.Sorted(slices.Values(s.received))
	never := 0
	for part := range n {
		if !slices.Contains(got, part) {
			never++
		}
	}
	if never > 0 || len(got) != n {
		t.Errorf("%d of %d parts were never sent; the store received parts %v", never, n, got)
	}
}

func TestEveryPartSentOnce(t *testing.T) {
	const n = 20
	var s store
	uploadAll(n, s.receive)
	s.check(t, n)
}

func TestPartsSentAtOnce(t *testing.T) {
	const n = 6
	var s store
	// Every upload waits here until all of them are uploading; uploads that
	// run one at a time never get there together.
	barrier := racetest.NewBarrier(n, time.Second)
	uploadAll(n, func(part int) {
		barrier.Wait()
		s.receive(part)
	})
	if got := barrier.Max(); got < n {
		t.Errorf("at most %d of %d parts were uploaded at once: the uploads ran one after another", got, n)
	}
	s.check(t, n)
}
