package main

import (
	"context"
	"errors"
	"testing"
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
