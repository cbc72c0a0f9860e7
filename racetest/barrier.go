package racetest

import (
	"sync"
	"time"
)

// Barrier holds goroutines until n of them are waiting at once. A test
// hands the program a function that calls Wait (a fake backend, a file
// reader, a handler), then reads Max to prove that n workers really ran at
// the same time: a program that runs its workers one after another, or
// holds a lock around the call, never gets n of them to the barrier.
//
// A barrier that is not full within its limit opens for good, so a program
// that runs its workers one after another still finishes, late by the
// limit once, and the test can say how many ever ran together. The limit
// is the test's own time, as Within's: on a busy machine the time its
// threads waited for a CPU is added. A
// correct program fills the barrier at once and never waits for the limit.
//
// Unlike Meter, Barrier needs no testing/synctest bubble, so it also works
// where a worker could block on a sync.Mutex (which a bubble cannot see as
// blocked). It synchronizes the workers only before they pass it: accesses a
// worker makes after Wait returns are not ordered by the barrier, so the race
// detector still reports the races between them.
type Barrier struct {
	n     int
	limit time.Duration

	mu      sync.Mutex
	waiting int
	max     int
	opened  bool
	open    chan struct{}
}

// NewBarrier returns a barrier for n goroutines that opens anyway when a
// goroutine has waited limit of its own time (see Within); a zero limit
// means DefaultLimit.
func NewBarrier(n int, limit time.Duration) *Barrier {
	if limit <= 0 {
		limit = DefaultLimit
	}
	return &Barrier{n: n, limit: limit, open: make(chan struct{})}
}

// Wait blocks until n goroutines are waiting together or the barrier has
// opened; after that it returns at once.
func (b *Barrier) Wait() {
	b.mu.Lock()
	b.waiting++
	b.max = max(b.max, b.waiting)
	if b.waiting >= b.n {
		b.openLocked()
	}
	b.mu.Unlock()

	if !waitOwnTime(b.limit, b.open) {
		b.mu.Lock()
		b.openLocked()
		b.mu.Unlock()
	}

	b.mu.Lock()
	b.waiting--
	b.mu.Unlock()
}

// openLocked lets every goroutine through, now and from now on.
func (b *Barrier) openLocked() {
	if !b.opened {
		b.opened = true
		close(b.open)
	}
}

// Max returns the most goroutines that were ever waiting at once.
func (b *Barrier) Max() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.max
}

// Full reports whether n goroutines were ever waiting at once.
func (b *Barrier) Full() bool {
	return b.Max() >= b.n
}
