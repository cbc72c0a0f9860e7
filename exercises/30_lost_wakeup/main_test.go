package main

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// startWorkers starts n workers on q and counts the ones still running.
func startWorkers(q *Queue, n int, out *racetest.Output) *atomic.Int32 {
	var running atomic.Int32
	for i := range n {
		running.Add(1)
		go func() {
			defer running.Add(-1)
			worker(i+1, q, out)
		}()
	}
	return &running
}

// finish waits, once q is closed, until every worker has quit. It closes
// q again as often as it takes, so that the bubble can end even when each
// Close wakes only one worker.
func finish(q *Queue, running *atomic.Int32) {
	for range 10 {
		time.Sleep(time.Second) // fake time: the workers finish their jobs
		if running.Load() == 0 {
			return
		}
		q.Close()
	}
}

func TestCloseWakesEveryWorker(t *testing.T) {
	for _, n := range []int{1, 3, 5} {
		synctest.Test(t, func(t *testing.T) {
			q := newQueue()
			running := startWorkers(q, n, &racetest.Output{})
			synctest.Wait() // all n workers wait for a job
			q.Close()
			synctest.Wait() // every worker that heard of it has quit
			if running.Load() > 0 {
				// A worker that sleeps and looks again quits in
				// the end; one that waits for a wake-up never does.
				start := time.Now()
				for step := time.Millisecond; running.Load() > 0 && time.Since(start) < time.Hour; step *= 2 {
					time.Sleep(step)
				}
				if stuck := running.Load(); stuck > 0 {
					racetest.Deadlock(t, "Close woke %d of %d idle workers; the other %d wait forever for a job that will never come", int32(n)-stuck, n, stuck)
				} else {
					t.Errorf("after Close, the %d idle workers quit only up to %v later, when they looked at the queue again: a worker must wait to be woken, and Close must wake them all", n, time.Since(start))
				}
			}
			finish(q, running)
		})
	}
}

func TestCloseBeforeWorkersStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newQueue()
		q.Close()
		running := startWorkers(q, 4, &racetest.Output{})
		synctest.Wait()
		if stuck := running.Load(); stuck > 0 {
			racetest.Deadlock(t, "%d of 4 workers started after Close wait for a job that will never come", stuck)
		}
		finish(q, running)
	})
}

func TestOneJobManyWorkers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := newQueue()
		out := &racetest.Output{}
		running := startWorkers(q, 3, out)
		synctest.Wait() // all 3 workers wait for a job
		q.Put("cat.jpg")
		synctest.Wait() // one worker renders cat.jpg; the others wait again
		if quit := 3 - running.Load(); quit > 0 {
			t.Errorf("one job woke 3 idle workers, and %d of them quit although the queue was still open", quit)
		}
		q.Close()
		finish(q, running)
		if lines := out.Lines(); len(lines) != 1 {
			t.Errorf("cat.jpg was rendered %d times, want once: %q", len(lines), lines)
		}
	})
}

func TestRenderBatches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		uploads := make(chan []string)
		done := make(chan struct{})
		start := time.Now()
		go func() {
			defer close(done)
			run(out, uploads, 3)
		}()

		first := []string{"a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg"}
		uploads <- first
		// 3 workers render 6 photos of 10ms each in 20ms; one worker alone
		// would need 60ms.
		time.Sleep(25 * time.Millisecond)
		if got := len(out.Lines()); got != len(first) {
			t.Errorf("%v after the first upload, %d of its %d photos were rendered: the 3 workers did not render them at once", time.Since(start), got, len(first))
		}

		time.Sleep(25 * time.Millisecond)
		second := []string{"g.jpg", "h.jpg", "i.jpg"}
		uploads <- second
		close(uploads)
		<-done
		if elapsed := time.Since(start); elapsed != 60*time.Millisecond {
			t.Errorf("run returned after %v of fake time, want 60ms: the second upload (3 photos, 3 workers) should take 10ms", elapsed)
		}

		var rendered []string
		for _, line := range out.Lines() {
			var id int
			var photo string
			if _, err := fmt.Sscanf(line, "worker %d rendered %s", &id, &photo); err == nil {
				rendered = append(rendered, photo)
			}
		}
		slices.Sort(rendered)
		want := append(slices.Clone(first), second...)
		if !slices.Equal(rendered, want) {
			t.Errorf("rendered %q, want each of %q once", rendered, want)
		}
	})
}
