// Command 02_counter serves a burst of page requests, one goroutine per
// request as net/http does, and counts the page views.
//
// Run it with: go run ./exercises/02_counter
package main

import (
	"fmt"
	"time"
)

// requests is a burst of visits to the blog.
var requests = []string{
	"/", "/about", "/posts/go-memory-model", "/", "/posts/channels",
	"/", "/posts/go-memory-model", "/feed.xml", "/", "/about",
}

// render pretends to render the page at path; it takes a little while.
func render(path string) {
	time.Sleep(10 * time.Millisecond)
}

// serve handles every request in its own goroutine, calling handle for each
// one, and returns how many pages were viewed.
func serve(requests []string, handle func(path string)) int {
	views := 0
	for _, path := range requests {
		handle(path)
		views++
	}
	return views
}

func main() {
	views := serve(requests, render)
	fmt.Printf("%d requests, %d page views\n", len(requests), views)
}
