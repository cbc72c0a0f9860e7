// Command 06_add_inside_goroutine load-tests a web shop with a few virtual
// users, started one after another so the shop warms up gradually.
//
// Run it with: go run ./exercises/06_add_inside_goroutine
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// rampUp is how long the load test waits between starting one user and the
// next.
const rampUp = 100 * time.Millisecond

// visitTime is how long one user spends clicking through the shop.
const visitTime = 300 * time.Millisecond

// visit pretends to be one user clicking through the shop. It is a variable
// so that the tests can time it.
var visit = func(user int) time.Duration {
	time.Sleep(visitTime)
	return visitTime
}

// loadTest runs users virtual users, user u starting u ramp-up steps after
// the test begins, and reports each visit to out.
func loadTest(out io.Writer, users int) {
	var wg sync.WaitGroup
	for u := 1; u <= users; u++ {
		wg.Add(1)
		go func() {
			time.Sleep(time.Duration(u) * rampUp) // wait for this user's turn
			wg.Done()
			took := visit(u)
			fmt.Fprintf(out, "user %d: visit took %v\n", u, took)
		}()
	}
	wg.Wait()
}

func main() {
	loadTest(os.Stdout, 5)
	fmt.Println("load test finished")
}
