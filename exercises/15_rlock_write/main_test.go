package main

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// worldOrders returns n orders in n currencies that are not the program's
// own, and the rate service's rates for them.
func worldOrders(n int) ([]Order, map[string]float64) {
	var batch []Order
	rates := map[string]float64{}
	for i := range n {
		currency := fmt.Sprintf("X%02d", i)
		rates[currency] = float64(i+1) / 8
		batch = append(batch, Order{ID: 100 + i, Amount: float64(10 + i), Currency: currency})
	}
	return batch, rates
}

// serialized is set when the rates were seen to be fetched one at a time,
// or checkout got stuck, so that the tests in a synctest bubble (where a
// checkout that waits on a lock held across a fetch would stop fake time
// for good) are skipped.
var serialized bool

func TestRatesFetchedAtOnceWhileTheDashboardReads(t *testing.T) {
	batch, rates := worldOrders(48)
	c := newCache()
	// Every fetch waits until all of them are under way at once. Before it
	// waits, it has the dashboard read the cache's stats, while the other
	// checkouts are still counting their lookups.
	barrier := racetest.NewBarrier(len(batch), 0)
	var dashboard sync.WaitGroup
	fake := func(currency string) float64 {
		dashboard.Go(func() { c.Stats() })
		barrier.Wait()
		return rates[currency]
	}
	// The fake is put back only once checkout has returned: a checkout
	// that got stuck leaves goroutines that may still call it.
	saved := fetchRate
	fetchRate = fake
	serialized = true // until it returns
	racetest.Within(t, 4*racetest.DefaultLimit, func() {
		checkout(&racetest.Output{}, c, batch)
		dashboard.Wait()
	})
	if !barrier.Full() {
		t.Errorf("at most %d of %d rates were being fetched at once: the checkouts fetched one after another (is a lock held while fetching?)", barrier.Max(), len(batch))
		fetchRate = saved
		return
	}
	// Now every rate is cached: a second batch must not fetch any.
	var refetched sync.Map
	fetchRate = func(currency string) float64 {
		refetched.Store(currency, true)
		return rates[currency]
	}
	racetest.Within(t, 4*racetest.DefaultLimit, func() { checkout(&racetest.Output{}, c, batch) })
	serialized = false
	fetchRate = saved
	refetched.Range(func(currency, _ any) bool {
		t.Errorf("the rate of %s was fetched again although the cache had it", currency)
		return true
	})
	if hits, misses := c.Stats(); hits != len(batch) || misses != len(batch) {
		t.Errorf("the cache counted %d hits and %d misses for %d lookups, want %d and %d: %d lookups were lost", hits, misses, 2*len(batch), len(batch), len(batch), 2*len(batch)-hits-misses)
	}
}

func TestOrdersPriced(t *testing.T) {
	if serialized {
		t.Skip("the rates are fetched one at a time or checkout got stuck: see TestRatesFetchedAtOnceWhileTheDashboardReads")
	}
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		checkout(out, newCache(), orders)
		got := out.Lines()
		slices.Sort(got)
		want := []string{
			"order 1: 40.00 EUR = $43.20",
			"order 2: 25.00 GBP = $31.75",
			"order 3: 3000.00 JPY = $20.10",
			"order 4: 80.00 CHF = $90.40",
			"order 5: 15.00 EUR = $16.20",
			"order 6: 60.00 GBP = $76.20",
		}
		if !slices.Equal(got, want) {
			t.Errorf("checkout wrote\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestCacheCountsEveryLookup(t *testing.T) {
	if serialized {
		t.Skip("the rates are fetched one at a time or checkout got stuck: see TestRatesFetchedAtOnceWhileTheDashboardReads")
	}
	synctest.Test(t, func(t *testing.T) {
		c := newCache()
		// Every checkout looks its rate up at the same fake instant: the
		// first batch finds an empty cache, the second finds every rate.
		checkout(&racetest.Output{}, c, orders)
		checkout(&racetest.Output{}, c, orders)
		hits, misses := c.Stats()
		if hits != len(orders) || misses != len(orders) {
			t.Errorf("the cache counted %d hits and %d misses for %d lookups, want %d and %d", hits, misses, 2*len(orders), len(orders), len(orders))
		}
	})
}

func TestRatesFetchedAtOnce(t *testing.T) {
	if serialized {
		t.Skip("the rates are fetched one at a time or checkout got stuck: see TestRatesFetchedAtOnceWhileTheDashboardReads")
	}
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		checkout(&racetest.Output{}, newCache(), orders)
		// One rate takes 10ms of fake time to fetch; fetched one after
		// another, the six would take 60ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("pricing %d orders took %v of fake time: the rates were fetched one after another, not at once", len(orders), elapsed)
		}
	})
}
