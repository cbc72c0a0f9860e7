// wrong: every request locks a mutex of its own, which keeps out no one.

// Command 31_http_handler serves a page that greets every visitor with
// their visitor number, then sends it ten visitors at once.
//
// Run it with: go run ./exercises/31_http_handler
package main

import (
	"cmp"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
)

// A Counter is an HTTP handler that counts its visitors.
type Counter struct {
	visits int
}

// ServeHTTP greets the visitor with their number: the first visitor is
// #1, the second #2, and so on.
func (c *Counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// TODO: the server calls ServeHTTP on a new goroutine for every
	// request, so visitors who come at the same time all update visits at
	// once.
	var mu sync.Mutex
	mu.Lock()
	c.visits++
	n := c.visits
	mu.Unlock()

	fmt.Fprintf(w, "Welcome, visitor #%d!\n", n)
}

// run starts a server with a Counter, sends it n visitors at once, and
// prints what each of them was told, in order.
func run(out io.Writer, n int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: &Counter{}}
	go srv.Serve(ln)
	defer srv.Close()

	url := "http://" + ln.Addr().String() + "/"
	var wg sync.WaitGroup
	var mu sync.Mutex
	var greetings []string
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(url)
			if err != nil {
				fmt.Fprintln(out, "visit failed:", err)
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			mu.Lock()
			greetings = append(greetings, strings.TrimSpace(string(body)))
			mu.Unlock()
		}()
	}
	wg.Wait()
	// Sort by visitor number: shorter numbers first, then in order.
	slices.SortFunc(greetings, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	})
	for _, g := range greetings {
		fmt.Fprintln(out, g)
	}
	return nil
}

func main() {
	if err := run(os.Stdout, 10); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
