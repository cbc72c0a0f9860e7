// wrong: one ticker paces all the workers, but crawl never stops it, so
// it goes on ticking after the crawl is over; since Go 1.23 a ticker holds
// no goroutine, so no test can see it, and it is caught by rule
// stop-ticker.
// Command 33_rate_limiter crawls the pages of a site that allows at most
// one request every 100ms. Four workers crawl at once, so that a slow page
// does not hold up the others.
//
// Run it with: go run ./exercises/33_rate_limiter
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// interval is the least time the site allows between two requests.
const interval = 100 * time.Millisecond

// crawl fetches every url on n workers, one goroutine each, and starts at
// most one fetch every interval, whichever worker makes it.
func crawl(urls []string, n int, fetch func(url string)) {
	work := make(chan string)
	// One ticker for all the workers: each tick lets exactly one of them
	// make one request.
	ticker := time.NewTicker(interval)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for url := range work {
				<-ticker.C
				fetch(url)
			}
		}()
	}
	for _, url := range urls {
		work <- url
	}
	close(work)
	wg.Wait()
}

// run crawls ten pages and prints when each request went out.
func run(out io.Writer) {
	var urls []string
	for i := 1; i <= 10; i++ {
		urls = append(urls, fmt.Sprintf("https://example.com/page/%d", i))
	}
	start := time.Now()
	var mu sync.Mutex
	crawl(urls, 4, func(url string) {
		mu.Lock()
		fmt.Fprintf(out, "%4dms  GET %s\n", time.Since(start).Milliseconds(), url)
		mu.Unlock()
		time.Sleep(250 * time.Millisecond) // the site is slow
	})
}

func main() {
	run(os.Stdout)
}
