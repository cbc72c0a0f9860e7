package main

import (
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// loadTime is how long the test's loader takes, in fake time.
const loadTime = 50 * time.Millisecond

// bank is a loader that counts its calls per key and takes loadTime.
type bank struct {
	mu    sync.Mutex
	calls map[string]int
}

// load is the loader to give newCache.
func (b *bank) load(key string) string {
	b.mu.Lock()
	b.calls[key]++
	b.mu.Unlock()
	time.Sleep(loadTime)
	return "rate of " + key
}

// callsFor returns how often key was loaded.
func (b *bank) callsFor(key string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls[key]
}

// inBubble runs f in a testing/synctest bubble with a limit of real time:
// a goroutine that sleeps while it holds a sync.Mutex stops fake time for
// everyone who waits for that mutex, and the bubble would hang.
func inBubble(t *testing.T, f func(t *testing.T)) {
	racetest.Within(t, 2*time.Second, func() {
		synctest.Test(t, f)
	})
}

// getAll calls c.Get for every key at once and returns the values, in
// the order of keys.
func getAll(c *Cache, keys []string) []string {
	values := make([]string, len(keys))
	var wg sync.WaitGroup
	for i, key := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			values[i] = c.Get(key)
		}()
	}
	wg.Wait()
	return values
}

func TestSameKeyLoadedOnce(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		b := &bank{calls: make(map[string]int)}
		c := newCache(b.load)
		start := time.Now()
		values := getAll(c, []string{"USD", "USD", "USD", "USD", "USD"})
		if n := b.callsFor("USD"); n != 1 {
			t.Errorf("5 Gets for USD at once loaded it %d times; one load should serve all 5", n)
		}
		for i, v := range values {
			if v != "rate of USD" {
				t.Errorf("Get %d of USD returned %q, want %q", i+1, v, "rate of USD")
			}
		}
		if elapsed := time.Since(start); elapsed != loadTime {
			t.Errorf("5 Gets for USD at once took %v of fake time, want %v: the time of one load", elapsed, loadTime)
		}
	})
}

func TestDifferentKeysLoadAtOnce(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		b := &bank{calls: make(map[string]int)}
		c := newCache(b.load)
		start := time.Now()
		keys := []string{"USD", "GBP", "JPY"}
		values := getAll(c, keys)
		for i, key := range keys {
			if n := b.callsFor(key); n != 1 {
				t.Errorf("%s was loaded %d times, want once", key, n)
			}
			if want := "rate of " + key; values[i] != want {
				t.Errorf("Get(%q) returned %q, want %q", key, values[i], want)
			}
		}
		if elapsed := time.Since(start); elapsed != loadTime {
			t.Errorf("Gets for %d different keys at once took %v of fake time, want %v: loads of different keys should not wait for each other", len(keys), elapsed, loadTime)
		}
	})
}

func TestCachedKeyNotLoadedAgain(t *testing.T) {
	inBubble(t, func(t *testing.T) {
		b := &bank{calls: make(map[string]int)}
		c := newCache(b.load)
		c.Get("USD")
		start := time.Now()
		if v := c.Get("USD"); v != "rate of USD" {
			t.Errorf("second Get of USD returned %q, want %q", v, "rate of USD")
		}
		if n := b.callsFor("USD"); n != 1 {
			t.Errorf("USD was loaded %d times for two Gets one after the other, want once", n)
		}
		if elapsed := time.Since(start); elapsed != 0 {
			t.Errorf("a Get of a cached key took %v of fake time, want no wait", elapsed)
		}
	})
}
