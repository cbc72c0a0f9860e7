package onecriticalsection

import (
	"errors"
	"sync"
)

// Jar keeps tips; its mutex guards every field.
type Jar struct {
	mu      sync.Mutex
	total   int
	biggest int
}

// addSplit checks the biggest tip in one section and writes it in another.
func (j *Jar) addSplit(cents int) {
	j.mu.Lock()
	j.total += cents
	big := j.biggest
	j.mu.Unlock()
	if cents > big {
		j.mu.Lock()
		j.biggest = cents // want `check and write in two critical sections: j.biggest was read under j.mu on line 19, j.mu was unlocked, and this write under j.mu acts on that stale value; another goroutine can change j.biggest in between, so check and write it while holding j.mu once`
		j.mu.Unlock()
	}
}

// addOutside checks the biggest tip without the lock.
func (j *Jar) addOutside(cents int) {
	if cents > j.biggest {
		j.mu.Lock()
		j.biggest = cents // want `check and write apart: j.biggest was read on line 30 without holding j.mu, and this write under j.mu acts on that stale value`
		j.mu.Unlock()
	}
}

// add checks and writes in one section.
func (j *Jar) add(cents int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.total += cents
	if cents > j.biggest {
		j.biggest = cents
	}
}

// twice adds in two sections, each one whole.
func (j *Jar) twice(cents int) {
	j.mu.Lock()
	j.total += cents
	j.mu.Unlock()
	j.mu.Lock()
	j.total += cents
	j.mu.Unlock()
}

// validate joins errors in two sections, and in one.
func validate(checks []func() error) error {
	var err error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, check := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if e := check(); e != nil {
				mu.Lock()
				old := err
				mu.Unlock()
				joined := errors.Join(old, e)
				mu.Lock()
				err = joined // want `check and write in two critical sections: err was read under mu`
				mu.Unlock()
			}
		}()
		go func() {
			if e := check(); e != nil {
				mu.Lock()
				err = errors.Join(err, e)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return err
}

// Inventory counts stock; its mutex guards stock.
type Inventory struct {
	mu    sync.Mutex
	stock map[string]int
}

// InStock locks on its own.
func (inv *Inventory) InStock(item string) int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	return inv.inStockLocked(item)
}

// inStockLocked expects the caller to hold inv.mu.
func (inv *Inventory) inStockLocked(item string) int { return inv.stock[item] }

// reserveSplit checks through InStock, whose lock is gone when it returns.
func (inv *Inventory) reserveSplit(item string, n int) bool {
	if inv.InStock(item) < n {
		return false
	}
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.stock[item] -= n // want `check and write in two critical sections: inv.stock was read by InStock on line 106, which locks inv.mu and unlocks it before returning`
	return true
}

// Reserve checks and takes under one lock.
func (inv *Inventory) Reserve(item string, n int) bool {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	if inv.inStockLocked(item) < n {
		return false
	}
	inv.stock[item] -= n
	return true
}

// Cache suppresses duplicate loads.
type Cache struct {
	load    func(string) string
	mu      sync.Mutex
	values  map[string]string
	loading map[string]*call
	locks   map[string]*sync.Mutex
}

type call struct {
	done  chan struct{}
	value string
}

// getSplit finds no load in flight in one section and claims it in another.
func (c *Cache) getSplit(key string) string {
	c.mu.Lock()
	v, ok := c.values[key]
	cl, loading := c.loading[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	if loading {
		<-cl.done
		return cl.value
	}
	cl = &call{done: make(chan struct{})}
	c.mu.Lock()
	c.loading[key] = cl // want `check and write in two critical sections: c.loading was read under c.mu`
	c.mu.Unlock()
	cl.value = c.load(key)
	c.mu.Lock()
	c.values[key] = cl.value // want `check and write in two critical sections: c.values was read under c.mu`
	delete(c.loading, key)
	c.mu.Unlock()
	close(cl.done)
	return cl.value
}

// Get checks and claims in one section and releases the claim in another.
func (c *Cache) Get(key string) string {
	c.mu.Lock()
	if v, ok := c.values[key]; ok {
		c.mu.Unlock()
		return v
	}
	if cl, ok := c.loading[key]; ok {
		c.mu.Unlock()
		<-cl.done
		return cl.value
	}
	cl := &call{done: make(chan struct{})}
	c.loading[key] = cl
	c.mu.Unlock()
	cl.value = c.load(key)
	c.mu.Lock()
	c.values[key] = cl.value
	delete(c.loading, key)
	c.mu.Unlock()
	close(cl.done)
	return cl.value
}

// getKeyLocked holds the key's own lock across its sections, and checks
// again before it writes.
func (c *Cache) getKeyLocked(key string) string {
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

// getRecheck loads twice at worst, but checks again before it writes.
func (c *Cache) getRecheck(key string) string {
	c.mu.Lock()
	v, ok := c.values[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = c.load(key)
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.values[key]; ok {
		return old
	}
	c.values[key] = v
	return v
}

// getKeepCall claims the key in one section and stores the value in
// another; the claim stays, and the next Gets wait on it.
func (c *Cache) getKeepCall(key string) string {
	c.mu.Lock()
	if v, ok := c.values[key]; ok {
		c.mu.Unlock()
		return v
	}
	cl, ok := c.loading[key]
	if ok {
		c.mu.Unlock()
		<-cl.done
		return cl.value
	}
	cl = &call{done: make(chan struct{})}
	c.loading[key] = cl
	c.mu.Unlock()
	cl.value = c.load(key)
	close(cl.done)
	c.mu.Lock()
	c.values[key] = cl.value
	c.mu.Unlock()
	return cl.value
}
