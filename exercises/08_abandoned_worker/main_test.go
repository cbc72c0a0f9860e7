package main

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestQuoteFromFastSupplier(t *testing.T) {
	racetest.CheckLeaks(t)
	p, err := quote(context.Background(), "kettle", func(string) int { return 1234 })
	if err != nil || p != 1234 {
		t.Errorf("quote returned %d, %v; the supplier answered 1234", p, err)
	}
}

func TestQuoteGivesUpOnSlowSupplier(t *testing.T) {
	racetest.CheckLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The supplier answers only when the test ends, long after the
	// customer gave up (cancel), so quote must give up first. The cleanup
	// runs before the leak check that CheckLeaks registered.
	answer := make(chan struct{})
	t.Cleanup(func() { close(answer) })
	slow := func(string) int {
		cancel()
		<-answer
		return 1234
	}
	var p int
	var err error
	racetest.Within(t, time.Second, func() { p, err = quote(ctx, "blender", slow) })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("quote returned %d, %v after the customer gave up; want the context's error", p, err)
	}
}

// workersLeft returns how many goroutines of quote (started by it, or
// running a function literal written in it, such as a timer's) are still
// alive in the bubble. Call it after synctest.Wait, when every goroutine of
// the bubble has either ended or is blocked.
func workersLeft() int {
	fn := racetest.FuncName(quote)
	return racetest.Snapshot().InMyBubble().Count(func(g racetest.Goroutine) bool {
		return g.InCodeOf(fn) || g.StartedBy(fn)
	})
}

func TestNoWorkerLeftBehind(t *testing.T) {
	// When the customer gives up: before quote asks, while the supplier
	// works, and at the very moment the supplier answers.
	for _, when := range []string{"before asking", "while asking", "at the answer"} {
		t.Run("cancel "+when, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				answer := make(chan struct{})
				supplier := func(string) int {
					switch when {
					case "while asking":
						cancel()
						<-answer
					case "at the answer":
						cancel()
					default:
						<-answer
					}
					return 1234
				}
				if when == "before asking" {
					cancel()
				}
				p, err := quote(ctx, "blender", supplier)
				if when != "at the answer" && !errors.Is(err, context.Canceled) {
					t.Errorf("quote returned %d, %v after the customer gave up; want the context's error", p, err)
				}
				if err == nil && p != 1234 {
					t.Errorf("quote returned %d; the supplier answered 1234", p)
				}
				// Once the supplier has answered, nothing of quote's may
				// be left waiting: not for a receiver, not for a timer.
				close(answer)
				synctest.Wait()
				if n := workersLeft(); n > 0 {
					racetest.Leak(t, "%d goroutine(s) of quote were still waiting after the supplier answered a customer who gave up", n)
				}
			})
		})
	}
}
