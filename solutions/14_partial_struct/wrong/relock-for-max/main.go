// wrong: every field is read and written under the lock, but the biggest
// tip is checked in one critical section and written in another, so a
// smaller tip can overwrite a bigger one that came in between; no test can
// force that interleaving, so it is caught by rule one-critical-section.
// Command 14_partial_struct adds up the tips of a restaurant's evening
// shift. Every waiter drops tips into one shared jar as their tables pay.
//
// Run it with: go run ./exercises/14_partial_struct
package main

import (
	"fmt"
	"sync"
	"time"
)

// Jar holds the tips of one shift. Many waiters add to it at once.
type Jar struct {
	mu      sync.Mutex // guards every field below
	total   int        // all tips, in cents
	count   int        // how many tips
	biggest int        // the biggest single tip, in cents
}

// Add drops one tip of cents into the jar.
func (j *Jar) Add(cents int) {
	j.mu.Lock()
	j.total += cents
	j.count++
	biggest := j.biggest
	j.mu.Unlock()
	if cents > biggest {
		j.mu.Lock()
		j.biggest = cents
		j.mu.Unlock()
	}
}

// Summary describes what is in the jar.
func (j *Jar) Summary() string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return fmt.Sprintf("%d tips, %s in total, the biggest %s", j.count, dollars(j.total), dollars(j.biggest))
}

// dollars formats cents as dollars.
func dollars(cents int) string {
	return fmt.Sprintf("$%d.%02d", cents/100, cents%100)
}

// tips are what the evening's tables leave, in cents.
var tips = []int{500, 1250, 300, 2000, 750, 1000}

// serveTable pretends to serve one table until it pays. It is a variable
// so that the tests can stand in for the diners.
var serveTable = func() {
	time.Sleep(10 * time.Millisecond)
}

// run serves every table at once, one waiter each, and returns the jar of
// their tips.
func run(tips []int) *Jar {
	jar := &Jar{}
	var wg sync.WaitGroup
	for _, tip := range tips {
		wg.Add(1)
		go func() {
			defer wg.Done()
			serveTable()
			jar.Add(tip)
		}()
	}
	wg.Wait()
	return jar
}

func main() {
	fmt.Println(run(tips).Summary())
}
