// Command 11_atomic_counter serves a burst of downloads, one goroutine per
// request, and reports how many requests it served and how many bytes it
// sent.
//
// Run it with: go run ./exercises/11_atomic_counter
package main

import (
	"fmt"
	"sync"
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
	var served, sent int64
	var wg sync.WaitGroup
	for _, size := range sizes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(size)
			// TODO: many handlers update these counters at the same
			// moment, and an update can overwrite another one.
			served++
			sent += size
		}()
	}
	wg.Wait()
	return served, sent
}

func main() {
	served, sent := serve(downloads)
	fmt.Printf("served %d requests, sent %d bytes\n", served, sent)
}
