package main

import (
	"runtime/metrics"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// limit is how much real time one call of firstSquares may take: it takes
// microseconds, so only a program that never returns reaches it.
const limit = 2 * time.Second

// squares returns the first n square numbers, computed here.
func squares(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = (i + 1) * (i + 1)
	}
	return s
}

// call runs firstSquares(n) and fails t if it does not return.
func call(t *testing.T, n int) []int {
	t.Helper()
	var got []int
	racetest.Within(t, limit, func() { got = firstSquares(n) })
	return got
}

func TestFirstSquares(t *testing.T) {
	racetest.CheckLeaks(t)
	for _, n := range []int{7, 1, 13, 40} {
		if got, want := call(t, n), squares(n); !slices.Equal(got, want) {
			t.Errorf("firstSquares(%d) returned %v, want %v", n, got, want)
		}
	}
}

func TestManyQuizzes(t *testing.T) {
	racetest.CheckLeaks(t)
	// A quiz server builds squares for every player; each call must clean
	// up after itself.
	for players := 1; players <= 20; players++ {
		got := call(t, players)
		if len(got) != players || got[players-1] != players*players {
			t.Fatalf("firstSquares(%d) returned %v, want %d squares ending in %d", players, got, players, players*players)
		}
	}
}

func TestNoSquares(t *testing.T) {
	racetest.CheckLeaks(t)
	if got := call(t, 0); len(got) != 0 {
		t.Errorf("firstSquares(0) returned %v, want no squares", got)
	}
}

// TestStagesRunInGoroutines checks that firstSquares still builds its
// squares with a pipeline: the generator and the square stage each run in
// a goroutine of their own.
func TestStagesRunInGoroutines(t *testing.T) {
	racetest.CheckLeaks(t)
	sample := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		t.Skip("this Go cannot count the goroutines a call starts")
	}
	before := sample[0].Value.Uint64()
	call(t, 5)
	metrics.Read(sample)
	if started := sample[0].Value.Uint64() - before - 1; started < 2 {
		t.Errorf("firstSquares(5) started %d goroutines: the generator and the square stage must each run in a goroutine of their own", started)
	}
}

// TestStagesStopAtOnce checks, in fake time, that every goroutine of the
// pipeline has ended by the time firstSquares returns and its stages had a
// moment to see that: not after a timeout, and not never.
func TestStagesStopAtOnce(t *testing.T) {
	for _, n := range []int{0, 1, 9} {
		racetest.Within(t, bubbleLimit, func() {
			synctest.Test(t, func(t *testing.T) {
				if got, want := firstSquares(n), squares(n); !slices.Equal(got, want) {
					t.Errorf("firstSquares(%d) returned %v, want %v", n, got, want)
				}
				synctest.Wait()
				left := pipelineGoroutines()
				if left == 0 {
					return
				}
				start := time.Now()
				for step := time.Millisecond; pipelineGoroutines() > 0 && time.Since(start) < time.Hour; step *= 2 {
					time.Sleep(step)
					synctest.Wait()
				}
				if pipelineGoroutines() == 0 {
					t.Errorf("after firstSquares(%d) returned, %d pipeline goroutines waited up to %v before they stopped: they must stop as soon as firstSquares no longer needs them, not after a timeout", n, left, time.Since(start))
				}
				// Goroutines that are still blocked make the bubble
				// report that they were left behind.
			})
		})
	}
}

// pipelineGoroutines counts the goroutines of the calling goroutine's
// testing/synctest bubble that the code under test started.
func pipelineGoroutines() int {
	return len(racetest.Snapshot().InMyBubble())
}

// bubbleLimit is how much real time TestStagesStopAtOnce's bubble may take:
// in fake time it only waits for the pipeline, but it takes a goroutine
// dump at each step, which on a machine loaded far past its CPUs can take
// longer than limit.
const bubbleLimit = 5 * time.Second
