// Command 25_worker_pool checks the links of a web site with a pool of
// workers and prints the broken ones.
//
// Run it with: go run ./exercises/25_worker_pool
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// Result is the HTTP status of one checked link.
type Result struct {
	URL    string
	Status int
}

// links are the links found on the site.
var links = []string{
	"https://example.com/",
	"https://example.com/about",
	"https://example.com/blog",
	"https://example.com/blog/2019/old-post",
	"https://example.com/contact",
	"https://example.com/pricing",
	"https://example.com/careers",
	"https://example.com/docs",
}

// fetchStatus pretends to send a HEAD request for url; it takes a while.
func fetchStatus(url string) int {
	time.Sleep(20 * time.Millisecond)
	if url == "https://example.com/blog/2019/old-post" {
		return 404
	}
	return 200
}

// checkLinks checks every url with a pool of workers that each call check
// for one url at a time, and returns one Result per url, in any order.
func checkLinks(urls []string, workers int, check func(url string) int) []Result {
	jobs := make(chan string, len(urls))
	for _, u := range urls {
		jobs <- u
	}
	close(jobs)

	results := make(chan Result, 1000) // room for a whole site
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range jobs {
				results <- Result{u, check(u)}
			}
		}()
	}
	// TODO: checkLinks never returns: the workers and checkLinks end up
	// waiting for each other.
	wg.Wait()
	close(results)

	var all []Result
	for r := range results {
		all = append(all, r)
	}
	return all
}

func main() {
	for _, r := range checkLinks(links, 3, fetchStatus) {
		if r.Status != 200 {
			fmt.Fprintf(os.Stdout, "broken link: %s (%d)\n", r.URL, r.Status)
		}
	}
	fmt.Println("done")
}
