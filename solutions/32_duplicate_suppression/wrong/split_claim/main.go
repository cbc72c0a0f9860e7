// wrong: checks for a load in flight under the lock, unlocks, and claims
// the key in a second critical section. Two Gets can both see no load in
// between and both load: a test sees the second bank call on such
// schedules (fail), and rule one-critical-section sees the split on all
// the others (rule).
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
// loading.
type Cache struct {
	load func(key string) string // fetches the value of a key

	mu      sync.Mutex
	values  map[string]string
	loading map[string]*call // the loads in flight, by key
}

// A call is one load in flight. Gets for the same key wait for done to be
// closed, then read value.
type call struct {
	done  chan struct{}
	value string
}

// newCache returns an empty cache that fetches missing keys with load.
func newCache(load func(key string) string) *Cache {
	return &Cache{
		load:    load,
		values:  make(map[string]string),
		loading: make(map[string]*call),
	}
}

// Get returns the value of key, loading it the first time it is asked
// for. Gets for other keys, and Gets that find their key in the cache, do
// not wait for a load.
func (c *Cache) Get(key string) string {
	c.mu.Lock()
	if v, ok := c.values[key]; ok {
		c.mu.Unlock()
		return v
	}
	if cl, ok := c.loading[key]; ok {
		// Someone is loading this key already: wait for their result.
		c.mu.Unlock()
		<-cl.done
		return cl.value
	}
	c.mu.Unlock()

	c.mu.Lock()
	cl := &call{done: make(chan struct{})}
	c.loading[key] = cl
	c.mu.Unlock()

	// Load without the lock, so that Gets of other keys go on meanwhile.
	cl.value = c.load(key)

	c.mu.Lock()
	c.values[key] = cl.value
	delete(c.loading, key)
	c.mu.Unlock()
	close(cl.done) // wakes every Get that waits for this key
	return cl.value
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
