package main

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// These tests run in real time, not in a testing/synctest bubble: a fix
// that makes Gets wait on a sync.Mutex or a sync.Once (a lock per key) is
// right, and fake time would stop while they wait. The loads do not sleep
// either: they wait at a gate that the test opens, so what the tests see
// does not depend on how fast anything runs.

// limit is how much real time the Gets get to reach their waiting places,
// or to return once the gate is open. They need microseconds.
const limit = 2 * time.Second

// bank is a loader that counts its calls per key; every load waits until
// the gate is opened.
type bank struct {
	gate chan struct{}

	mu    sync.Mutex
	calls map[string]int
}

// newBank returns a bank whose gate is closed.
func newBank() *bank {
	return &bank{gate: make(chan struct{}), calls: make(map[string]int)}
}

// load is the loader to give newCache.
func (b *bank) load(key string) string {
	b.mu.Lock()
	b.calls[key]++
	b.mu.Unlock()
	<-b.gate
	return "rate of " + key
}

// open lets every load, now and later, return at once.
func (b *bank) open() { close(b.gate) }

// callsFor returns how often key was loaded.
func (b *bank) callsFor(key string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.calls[key]
}

// gets is a batch of Gets running at once, one goroutine each.
type gets struct {
	keys     []string
	values   []string
	returned atomic.Int32  // how many Gets have returned
	done     chan struct{} // closed when every Get has returned
}

// startGets calls c.Get for every key at once, each on a goroutine of its
// own.
func startGets(c *Cache, keys ...string) *gets {
	g := &gets{keys: keys, values: make([]string, len(keys)), done: make(chan struct{})}
	var wg sync.WaitGroup
	for i, key := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.values[i] = c.Get(key)
			g.returned.Add(1)
		}()
	}
	go func() {
		wg.Wait()
		close(g.done)
	}()
	return g
}

// settle waits until every Get of g has returned or waits for something
// (a load at the closed gate, another Get's load, a lock), and reports
// whether they settled within limit. Once settled, nothing moves until the
// test opens the gate.
func (g *gets) settle() bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if getsRunning() == 0 {
			return true
		}
		time.Sleep(100 * time.Microsecond)
	}
	return false
}

// wait waits until every Get of g has returned, or fails t.
func (g *gets) wait(t *testing.T) {
	t.Helper()
	racetest.Within(t, limit, func() { <-g.done })
}

// check fails t unless every Get returned its key's rate.
func (g *gets) check(t *testing.T) {
	t.Helper()
	for i, key := range g.keys {
		if want := "rate of " + key; g.values[i] != want {
			t.Errorf("Get %d of %s returned %q, want %q", i+1, key, g.values[i], want)
		}
	}
}

// getsRunning counts the goroutines of startGets that call Get and are
// running, ready to run or asleep, rather than waiting.
func getsRunning() int {
	start := racetest.FuncName(startGets)
	return racetest.Snapshot().Count(func(g racetest.Goroutine) bool {
		return g.CreatedBy == start && g.Calls(start+".func1") && (g.Running() || g.Asleep())
	})
}

func TestSameKeyLoadedOnce(t *testing.T) {
	for _, n := range []int{2, 5, 40} {
		b := newBank()
		c := newCache(b.load)
		keys := make([]string, n)
		for i := range keys {
			keys[i] = "NOK"
		}
		g := startGets(c, keys...)
		if !g.settle() {
			t.Errorf("%d Gets for NOK at once kept running for %v without waiting for the one load", n, limit)
		}
		if calls := b.callsFor("NOK"); calls != 1 {
			t.Errorf("%d Gets for NOK at once loaded it %d times; one load should serve all %d", n, calls, n)
		}
		b.open()
		g.wait(t)
		g.check(t)
		if calls := b.callsFor("NOK"); calls != 1 {
			t.Errorf("%d Gets for NOK at once loaded it %d times; one load should serve all %d", n, calls, n)
		}
	}
}

func TestDifferentKeysLoadAtOnce(t *testing.T) {
	b := newBank()
	c := newCache(b.load)
	keys := []string{"CHF", "SEK", "JPY", "CHF", "SEK", "JPY"}
	g := startGets(c, keys...)
	g.settle()
	var loading []string
	for _, key := range keys[:3] {
		if b.callsFor(key) > 0 {
			loading = append(loading, key)
		}
	}
	if len(loading) != 3 {
		t.Errorf("Gets for CHF, SEK and JPY at once loaded only %s at the same time: loads of different keys must not wait for each other", strings.Join(loading, " and "))
	}
	b.open()
	g.wait(t)
	g.check(t)
	for _, key := range keys[:3] {
		if n := b.callsFor(key); n != 1 {
			t.Errorf("two Gets for %s at once loaded it %d times, want once", key, n)
		}
	}
}

func TestCachedKeyDoesNotWait(t *testing.T) {
	usd, gbp := newBank(), newBank()
	c := newCache(func(key string) string {
		if key == "USD" {
			return usd.load(key)
		}
		return gbp.load(key)
	})
	usd.open()
	startGets(c, "USD").wait(t)

	// While GBP loads, and another Get waits for it, a Get for the
	// cached USD must return at once.
	loading := startGets(c, "GBP", "GBP")
	loading.settle()
	cached := startGets(c, "USD")
	cached.settle()
	if cached.returned.Load() != 1 {
		t.Errorf("a Get of the cached USD waited while GBP was being loaded: a cached key must come back at once")
	}
	gbp.open()
	loading.wait(t)
	cached.wait(t)
	loading.check(t)
	cached.check(t)
	if n := usd.callsFor("USD"); n != 1 {
		t.Errorf("USD was loaded %d times for Gets one after the other, want once", n)
	}
	if n := gbp.callsFor("GBP"); n != 1 {
		t.Errorf("two Gets for GBP at once loaded it %d times, want once", n)
	}
}
