package nospin

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

type worker struct {
	ready   atomic.Bool
	n       int32
	results chan int
	mu      sync.Mutex
	cond    *sync.Cond
	done    bool
	next    atomic.Pointer[worker]
}

func spins(w *worker, flag *bool) {
	for !w.ready.Load() { // want `busy-wait: this loop polls w.ready.Load\(\) until another goroutine changes it`
	}
	for !w.ready.Load() { // want `busy-wait: this loop polls w.ready.Load\(\)`
		runtime.Gosched()
	}
	for atomic.LoadInt32(&w.n) < 3 { // want `busy-wait: this loop polls atomic.LoadInt32\(&w.n\)`
	}
	for { // want `busy-wait: this loop polls w.ready.Load\(\)`
		if v := w.ready.Load(); v {
			break
		}
	}
	for !w.mu.TryLock() { // want `busy-wait: this loop polls w.mu.TryLock\(\)`
	}
	for { // want `busy-wait: this loop polls w.mu.TryLock\(\)`
		if w.mu.TryLock() {
			w.mu.Unlock()
			return
		}
	}
	for len(w.results) < 3 { // want `busy-wait: this loop polls len\(w.results\)`
	}
	for !*flag { // want `busy-wait: this loop polls flag`
	}
	for { // want `busy-wait: this loop polls w`
		if w.done {
			break
		}
	}
	for { // want `busy-wait: this loop polls a select with a default`
		select {
		case <-w.results:
			return
		default:
		}
	}
	for runtime.NumGoroutine() > 1 { // want `busy-wait: this loop polls runtime.NumGoroutine\(\)`
	}
	go func() {
		for !w.ready.Load() { // want `busy-wait: this loop polls w.ready.Load\(\)`
		}
	}()
}

// merge waits on two feeds until both are closed, setting a closed feed
// to nil: the select blocks.
func merge(a, b chan int) (sum int) {
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			sum += v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sum += v
		}
	}
	return sum
}

// lockBoth backs off with a blocking Lock between tries: not a spin.
func lockBoth(a, b *sync.Mutex) {
	for {
		a.Lock()
		if b.TryLock() {
			return
		}
		a.Unlock()
	}
}

// raiseMax keeps the largest value with a CompareAndSwap loop.
func raiseMax(max *atomic.Int64, v int64) {
	for {
		old := max.Load()
		if v <= old || max.CompareAndSwap(old, v) {
			return
		}
	}
}

// waits waits by blocking, or makes progress of its own: none is a spin.
func waits(w *worker, items []int, wg *sync.WaitGroup, stop *atomic.Bool) int {
	// A CompareAndSwap retry loop updates; it does not wait.
	for {
		old := atomic.LoadInt32(&w.n)
		if atomic.CompareAndSwapInt32(&w.n, old, old+1) {
			break
		}
	}
	for v := range w.results { // a receive blocks
		_ = v
	}
	for len(w.results) > 0 { // draining receives
		<-w.results
	}
	w.mu.Lock()
	for !w.done { // Cond.Wait blocks
		w.cond.Wait()
	}
	w.mu.Unlock()
	for !w.ready.Load() { // sleeping is no-sleep's business
		time.Sleep(time.Millisecond)
	}
	for { // a select without default blocks
		select {
		case <-w.results:
		}
		if w.ready.Load() {
			break
		}
	}
	for !stop.Load() { // works until told to stop
		process(items)
	}
	wg.Wait()
	total := 0
	for i := 0; i < len(items); i++ { // a counted loop
		total += items[i]
	}
	for len(items) > 0 { // a slice, not a channel, and it shrinks
		items = items[1:]
	}
	for cur := w.next.Load(); cur != nil; cur = cur.next.Load() { // a list walk
		total++
	}
	found := false
	for i := 0; !found; i++ {
		found = i > 3
	}
	for {
	} // waits for nothing: not a poll
}

func process([]int) {}
