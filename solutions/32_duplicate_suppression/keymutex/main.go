// Command 32_duplicate_suppression shows prices in euros on a busy shop
// page. Exchange rates come from a slow bank service, so the shop caches
// them.
//
// Run it with: go run ./exercises/32_duplicate_suppression
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// A Cache keeps values that are slow to load. Its mutex guards values and
// locks.
type Cache struct {
	load func(key string) string // fetches the value of a key

	mu     sync.Mutex
	values map[string]string
	locks  map[string]*sync.Mutex // one per key, held while it loads
}

// newCache returns an empty cache that fetches missing keys with load.
func newCache(load func(key string) string) *Cache {
	return &Cache{load: load, values: make(map[string]string), locks: make(map[string]*sync.Mutex)}
}

// Get returns the value of key, loading it the first time it is asked
// for. Gets for other keys, and Gets that find their key in the cache, do
// not wait for a load.
func (c *Cache) Get(key string) string {
	c.mu.Lock()
	v, ok := c.values[key]
	keyMu := c.locks[key]
	if keyMu == nil {
		keyMu = &sync.Mutex{}
		c.locks[key] = keyMu
	}
	c.mu.Unlock()
	if ok {
		return v
	}

	// One Get per key loads; the others wait for the key's lock and then
	// find the value in the cache.
	keyMu.Lock()
	defer keyMu.Unlock()
	c.mu.Lock()
	v, ok = c.values[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = c.load(key)

	c.mu.Lock()
	c.values[key] = v
	c.mu.Unlock()
	return v

}

// run serves n page views at once, one goroutine per view, and each view
// needs the dollar rate. It reports to out how often the bank was asked.
func run(out io.Writer, n int) {
	var calls atomic.Int32
	rates := newCache(func(currency string) string {
		calls.Add(1)
		time.Sleep(100 * time.Millisecond) // the bank service is slow
		return "1 " + currency + " = 0.92 EUR"
	})

	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rates.Get("USD")
		}()
	}
	wg.Wait()
	fmt.Fprintf(out, "%d page views, bank calls: %d, rate: %s\n", n, calls.Load(), rates.Get("USD"))
}

func main() {
	run(os.Stdout, 100)
}
