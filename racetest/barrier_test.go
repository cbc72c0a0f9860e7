package racetest

import (
	"sync"
	"testing"
	"time"
)

func TestBarrier(t *testing.T) {
	const limit = 200 * time.Millisecond
	tests := []struct {
		name     string
		n        int
		workers  int
		serial   bool // call Wait one worker after another
		wantMax  int  // at least this many waited together
		wantFull bool
		minTime  time.Duration // the run must take at least this long
		maxTime  time.Duration // and at most this long
	}{
		{name: "all at once", n: 5, workers: 5, wantMax: 5, wantFull: true, maxTime: limit / 2},
		{name: "more than n", n: 3, workers: 8, wantMax: 3, wantFull: true, maxTime: limit / 2},
		{name: "one", n: 1, workers: 1, wantMax: 1, wantFull: true, maxTime: limit / 2},
		{name: "one after another", n: 4, workers: 4, serial: true, wantMax: 1, minTime: limit, maxTime: 2 * limit},
		{name: "too few", n: 4, workers: 2, wantMax: 2, minTime: limit, maxTime: 2 * limit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBarrier(tt.n, limit)
			start := time.Now()
			if tt.serial {
				for range tt.workers {
					b.Wait()
				}
			} else {
				var wg sync.WaitGroup
				for range tt.workers {
					wg.Go(b.Wait)
				}
				wg.Wait()
			}
			elapsed := time.Since(start)
			if got := b.Max(); got < tt.wantMax {
				t.Errorf("Max() = %d, want at least %d", got, tt.wantMax)
			}
			if got := b.Full(); got != tt.wantFull {
				t.Errorf("Full() = %v, want %v", got, tt.wantFull)
			}
			if elapsed < tt.minTime || elapsed > tt.maxTime {
				t.Errorf("took %v, want between %v and %v", elapsed, tt.minTime, tt.maxTime)
			}
		})
	}
}
