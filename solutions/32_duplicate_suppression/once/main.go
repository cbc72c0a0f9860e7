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

// A Cache keeps values that are slow to load. Its mutex guards values.
type Cache struct {
	load func(key string) string // fetches the value of a key

	mu     sync.Mutex
	values map[string]*entry
}

// An entry is the value of one key, loaded once.
type entry struct {
	once  sync.Once
	value string
}

// newCache returns an empty cache that fetches missing keys with load.
func newCache(load func(key string) string) *Cache {
	return &Cache{load: load, values: make(map[string]*entry)}
}

// Get returns the value of key, loading it the first time it is asked
// for. Gets for other keys, and Gets that find their key in the cache, do
// not wait for a load.
func (c *Cache) Get(key string) string {
	c.mu.Lock()
	e, ok := c.values[key]
	if !ok {
		e = &entry{}
		c.values[key] = e
	}
	c.mu.Unlock()

	// The first Get of key loads it; the others wait in Do until it is
	// loaded, and later ones find it done at once.
	e.once.Do(func() { e.value = c.load(key) })
	return e.value

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
