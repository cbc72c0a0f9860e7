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

// withQuotes makes the quote service give the prices and latencies of
// quotes, which are not the program's own, until the test ends.
func withQuotes(t *testing.T, quotes map[string]struct {
	price   float64
	latency time.Duration
}) {
	savedPrices, savedLatency := prices, latency
	prices, latency = map[string]float64{}, map[string]time.Duration{}
	for symbol, q := range quotes {
		prices[symbol], latency[symbol] = q.price, q.latency
	}
	t.Cleanup(func() { prices, latency = savedPrices, savedLatency })
}

func TestQuotesAroundTheLimit(t *testing.T) {
	withQuotes(t, map[string]struct {
		price   float64
		latency time.Duration
	}{
		"INSTANT": {3.25, 0},
		"QUICK":   {99.5, limit - time.Millisecond},
		"EXACT":   {17.0, limit},
		"LATE":    {64.0, limit + time.Millisecond},
		"GLACIAL": {1.5, time.Hour},
	})
	for _, tc := range []struct {
		symbol string
		fast   bool // the price must come back
		slow   bool // fetchPrice must give up
	}{
		{"INSTANT", true, false},
		{"QUICK", true, false},
		{"EXACT", false, false}, // either answer is right
		{"LATE", false, true},
		{"GLACIAL", false, true},
	} {
		t.Run(tc.symbol, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				price, err := fetchPrice(tc.symbol, limit)
				elapsed := time.Since(start)
				timedOut := errors.Is(err, errTimeout)
				switch {
				case err != nil && !timedOut:
					t.Errorf("fetchPrice(%s) returned error %v, want the price or %v", tc.symbol, err, errTimeout)
				case timedOut && tc.fast:
					t.Errorf("fetchPrice(%s) gave up after %v, but the quote came back in %v, within the %v limit", tc.symbol, elapsed, latency[tc.symbol], limit)
				case timedOut && price != 0:
					t.Errorf("fetchPrice(%s) timed out but returned the price %.2f, want 0", tc.symbol, price)
				case timedOut && elapsed != limit:
					t.Errorf("fetchPrice(%s) gave up after %v of fake time, want %v", tc.symbol, elapsed, limit)
				case !timedOut && tc.slow:
					t.Errorf("fetchPrice(%s) waited %v for a quote that takes %v, past the %v limit", tc.symbol, elapsed, latency[tc.symbol], limit)
				case !timedOut && price != prices[tc.symbol]:
					t.Errorf("fetchPrice(%s) = %.2f, want %.2f", tc.symbol, price, prices[tc.symbol])
				}
				// A late quote's goroutine must be able to finish: the
				// bubble reports a deadlock if it is blocked for good.
				racetest.LetFinish()
			})
		})
	}
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
