// wrong: updates the counters with CompareAndSwap but tries it once and
// ignores whether it swapped, so a handler whose counter changed since its
// Load loses its update; no test can force that interleaving, so it is
// caught by rule atomic-rmw.
// Command 11_atomic_counter serves a burst of downloads, one goroutine per
// request, and reports how many requests it served and how many bytes it
// sent.
//
// Run it with: go run ./exercises/11_atomic_counter
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// downloads are the sizes, in bytes, of the files a burst of visitors asked
// for.
var downloads = []int64{512, 2048, 1024, 4096, 256, 8192, 128, 1024}

// send pretends to send a file of size bytes to a visitor. It is a
// variable so that the tests can stand in for the network.
var send = func(size int64) {
	time.Sleep(10 * time.Millisecond)
}

// serve handles every download at once and returns how many requests it
// served and how many bytes it sent.
func serve(sizes []int64) (int64, int64) {
	var served, sent atomic.Int64
	var wg sync.WaitGroup
	for _, size := range sizes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(size)
			old := served.Load()
			served.CompareAndSwap(old, old+1)
			before := sent.Load()
			sent.CompareAndSwap(before, before+size)
		}()
	}
	wg.Wait()
	return served.Load(), sent.Load()
}

func main() {
	served, sent := serve(downloads)
	fmt.Printf("served %d requests, sent %d bytes\n", served, sent)
}
