// Command 15_rlock_write prices a batch of online orders in dollars. The
// exchange rates come from a slow rate service, so the shop keeps them in a
// cache that every checkout shares.
//
// Run it with: go run ./exercises/15_rlock_write
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Cache remembers exchange rates. Many checkouts use it at once, so it has
// a sync.RWMutex: readers share the lock, writers take it alone.
type Cache struct {
	mu     sync.RWMutex
	rates  map[string]float64 // dollars per unit of each currency
	hits   int                // lookups that found a rate
	misses int                // lookups that did not
}

// newCache returns an empty cache.
func newCache() *Cache {
	return &Cache{rates: map[string]float64{}}
}

// Get returns the cached rate of currency, and whether the cache had it.
func (c *Cache) Get(currency string) (float64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	rate, ok := c.rates[currency]
	// TODO: many checkouts look up rates at the same moment, and these
	// counters lose lookups.
	if ok {
		c.hits++
	} else {
		c.misses++
	}
	return rate, ok
}

// Put stores the rate of currency.
func (c *Cache) Put(currency string, rate float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rates[currency] = rate
}

// Stats returns how many lookups found a rate and how many did not.
func (c *Cache) Stats() (hits, misses int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.hits, c.misses
}

// serviceRates are the rate service's rates, in dollars per unit.
var serviceRates = map[string]float64{"EUR": 1.08, "GBP": 1.27, "JPY": 0.0067, "CHF": 1.13}

// fetchRate asks the rate service for the rate of currency; it is slow. It
// is a variable so that the tests can stand in for the rate service.
var fetchRate = func(currency string) float64 {
	time.Sleep(10 * time.Millisecond)
	return serviceRates[currency]
}

// Rate returns the rate of currency, from the cache when it has it.
func (c *Cache) Rate(currency string) float64 {
	if rate, ok := c.Get(currency); ok {
		return rate
	}
	rate := fetchRate(currency)
	c.Put(currency, rate)
	return rate
}

// Order is the price of an order in the customer's currency.
type Order struct {
	ID       int
	Amount   float64
	Currency string
}

// orders is a batch of orders from around the world.
var orders = []Order{
	{ID: 1, Amount: 40, Currency: "EUR"},
	{ID: 2, Amount: 25, Currency: "GBP"},
	{ID: 3, Amount: 3000, Currency: "JPY"},
	{ID: 4, Amount: 80, Currency: "CHF"},
	{ID: 5, Amount: 15, Currency: "EUR"},
	{ID: 6, Amount: 60, Currency: "GBP"},
}

// checkout prices every order at once, one goroutine per order, and
// writes each price in dollars to out.
func checkout(out io.Writer, c *Cache, orders []Order) {
	var wg sync.WaitGroup
	for _, o := range orders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			usd := o.Amount * c.Rate(o.Currency)
			fmt.Fprintf(out, "order %d: %.2f %s = $%.2f\n", o.ID, o.Amount, o.Currency, usd)
		}()
	}
	wg.Wait()
}

func main() {
	c := newCache()
	checkout(os.Stdout, c, orders)
	hits, misses := c.Stats()
	fmt.Printf("rate cache: %d hits, %d misses\n", hits, misses)
}
