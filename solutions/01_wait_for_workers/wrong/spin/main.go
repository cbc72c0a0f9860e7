// Command 01_wait_for_workers resizes a batch of photos, one goroutine per
// photo, and prints a line for each photo it finished.
//
// Run it with: go run ./exercises/01_wait_for_workers
package main

import (
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// photos are the files to resize.
var photos = []string{"beach.jpg", "cat.jpg", "dog.jpg", "forest.jpg", "moon.jpg"}

// resize pretends to resize one photo; it takes a little while. It is a
// variable so that the tests can time it.
var resize = func(name string) string {
	time.Sleep(10 * time.Millisecond)
	return "small-" + name
}

// run resizes every photo at once and reports each one to out.
func run(out io.Writer) {
	var done atomic.Int64
	for _, name := range photos {
		go func() {
			defer done.Add(1)
			fmt.Fprintf(out, "resized %s -> %s\n", name, resize(name))
		}()
	}
	// Keep checking until every worker has counted itself done.
	for done.Load() < int64(len(photos)) {
	}
}

func main() {
	run(os.Stdout)
	fmt.Println("all photos resized")
}
