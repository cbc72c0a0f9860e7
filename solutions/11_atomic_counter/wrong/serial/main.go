// wrong: removes the goroutines, so the burst is served one request at a
// time (also rule keep-go).
// Command 11_atomic_counter serves a burst of downloads, one goroutine per
// request, and reports how many requests it served and how many bytes it
// sent.
//
// Run it with: go run ./exercises/11_atomic_counter
package main

import (
	"fmt"
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
	for _, size := range sizes {
		send(size)
		served++
		sent += size
	}
	return served, sent
}

func main() {
	served, sent := serve(downloads)
	fmt.Printf("served %d requests, sent %d bytes\n", served, sent)
}
