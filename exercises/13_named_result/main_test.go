package main

import (
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

func TestSlowQuoteGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		// GLOBEX takes 50ms, longer than the 20ms limit: fetchPrice
		// returns first, and its goroutine finishes later, on every run.
		price, err := fetchPrice("GLOBEX", limit)
		elapsed := time.Since(start)
		if !errors.Is(err, errTimeout) {
			t.Errorf("fetchPrice(GLOBEX) returned error %v after %v, want %v", err, elapsed, errTimeout)
		}
		if price != 0 {
			t.Errorf("fetchPrice(GLOBEX) timed out but returned the price %.2f, want 0", price)
		}
		// The quote runs in the background, so fetchPrice can give up
		// after the limit instead of waiting for the slow answer.
		if elapsed != limit {
			t.Errorf("fetchPrice(GLOBEX) returned after %v of fake time, want %v: it waited for the slow quote service", elapsed, limit)
		}
		racetest.LetFinish()
	})
}

func TestFastQuote(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		price, err := fetchPrice("ACME", limit)
		if err != nil || price != prices["ACME"] {
			t.Errorf("fetchPrice(ACME) = %.2f, %v; want %.2f, nil", price, err, prices["ACME"])
		}
		racetest.LetFinish()
	})
}

func TestUnknownSymbol(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		_, err := fetchPrice("NOPE", limit)
		if err == nil || errors.Is(err, errTimeout) {
			t.Errorf("fetchPrice(NOPE) returned error %v, want the quote service's unknown symbol error", err)
		}
		racetest.LetFinish()
	})
}

func TestBoard(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		run(out, board)
		racetest.LetFinish()
		want := []string{
			"ACME        12.50",
			"GLOBEX   quote service timed out",
			"INITECH     41.75",
			"UMBRELLA     7.05",
		}
		if got := strings.Join(out.Lines(), "\n"); got != strings.Join(want, "\n") {
			t.Errorf("the board reads\n%s\nwant\n%s", got, strings.Join(want, "\n"))
		}
	})
}
