package atomicrmw

import (
	"errors"
	"sync"
	"sync/atomic"
)

type stats struct {
	hits atomic.Int64
	last atomic.Pointer[string]
	cfg  atomic.Value
	old  int64
}

func (s *stats) bad(name string) {
	s.hits.Store(s.hits.Load() + 1)                       // want `lost update: s.hits.Store writes back what was loaded from s.hits, and an update made in between is lost; use s.hits.Add or CompareAndSwap`
	s.last.Store(grow(s.last.Load(), name))               // want `lost update: s.last.Store writes back`
	s.cfg.Store(merge(s.cfg.Load(), name))                // want `lost update: s.cfg.Store writes back`
	atomic.StoreInt64(&s.old, atomic.LoadInt64(&s.old)+1) // want `lost update: atomic.StoreInt64 writes back what was loaded from &s.old, and an update made in between is lost; use atomic.AddInt64 or CompareAndSwap`
	s.hits.Swap(s.hits.Load() * 2)                        // want `lost update: s.hits.Swap writes back`
}

// join loads, derives and stores in steps: the same lost update.
func join(errp *atomic.Pointer[error], e error) {
	var old error
	if p := errp.Load(); p != nil {
		old = *p
	}
	joined := errors.Join(old, e)
	errp.Store(&joined) // want `lost update: errp.Store writes back what was loaded from errp, and an update made in between is lost; use CompareAndSwap in a loop`
}

// reset stores a value that does not come from the load.
func reset(errp *atomic.Pointer[error], e error) {
	if p := errp.Load(); p != nil {
		return
	}
	errp.Store(&e)
}

func (s *stats) good(other *stats) {
	s.hits.Add(1)
	for {
		old := s.hits.Load()
		if s.hits.CompareAndSwap(old, old+1) {
			break
		}
	}
	s.hits.Store(other.hits.Load()) // another variable: a copy, not an update
	s.hits.Store(0)
	atomic.AddInt64(&s.old, 1)
}

var mu sync.Mutex

// locked holds a lock around the pair, which makes it atomic.
func (s *stats) locked() {
	mu.Lock()
	defer mu.Unlock()
	s.hits.Store(s.hits.Load() + 1)
}

func grow(p *string, name string) *string { return &name }

func merge(v any, name string) any { return name }

// casOnce tries its CompareAndSwap once: when another goroutine changed
// the counter since the Load, the update is lost.
func (s *stats) casOnce(n int64) {
	old := s.hits.Load()
	s.hits.CompareAndSwap(old, old+n) // want `lost update: s.hits.CompareAndSwap ignores whether it swapped, so when another goroutine changed s.hits since the Load the update is simply lost; retry in a loop until CompareAndSwap returns true, or use Add`
	old = s.hits.Load()
	if !s.hits.CompareAndSwap(old, old+n) { // want `lost update: s.hits.CompareAndSwap is tried only once`
		println("lost")
	}
	v := atomic.LoadInt64(&s.old)
	_ = atomic.CompareAndSwapInt64(&s.old, v, v*2) // want `lost update: atomic.CompareAndSwapInt64 ignores whether it swapped`
	for range 3 {
		go func() {
			cur := s.hits.Load()
			if s.hits.CompareAndSwap(cur, cur+1) { // want `lost update: s.hits.CompareAndSwap is tried only once`
				return
			}
		}()
	}
}

// casRetried retries until it swaps, or swaps a flag that does not come
// from a Load: the first one wins, and the others need not try again.
func (s *stats) casRetried(started *atomic.Bool) bool {
	for old := s.hits.Load(); !s.hits.CompareAndSwap(old, old+1); old = s.hits.Load() {
	}
	for {
		v := atomic.LoadInt64(&s.old)
		if atomic.CompareAndSwapInt64(&s.old, v, v+1) {
			break
		}
	}
	started.CompareAndSwap(false, true)
	return started.CompareAndSwap(false, true)
}
