// wrong: sends the answer with a select default on an unbuffered channel.
// A fast quote is lost when its goroutine sends before fetchPrice is at its
// receive: a test sees the price time out on such schedules (fail), and
// rule no-drop-send sees the default on all the others (rule).
// Command 13_named_result shows a board of stock prices. It asks a slow
// quote service for each price and gives up on a price that takes too long.
//
// Run it with: go run ./exercises/13_named_result
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// errTimeout is the error for a price the quote service took too long to
// give.
var errTimeout = errors.New("quote service timed out")

// limit is how long the board waits for one price.
const limit = 20 * time.Millisecond

// board lists the symbols the board shows, in order.
var board = []string{"ACME", "GLOBEX", "INITECH", "UMBRELLA"}

// prices are the quote service's prices, and latency how long it takes to
// give each one.
var (
	prices  = map[string]float64{"ACME": 12.50, "GLOBEX": 230.10, "INITECH": 41.75, "UMBRELLA": 7.05}
	latency = map[string]time.Duration{"ACME": 5 * time.Millisecond, "GLOBEX": 50 * time.Millisecond, "INITECH": 8 * time.Millisecond, "UMBRELLA": 15 * time.Millisecond}
)

// quote asks the quote service for the price of symbol.
func quote(symbol string) (float64, error) {
	d, ok := latency[symbol]
	if !ok {
		return 0, fmt.Errorf("unknown symbol %q", symbol)
	}
	time.Sleep(d)
	return prices[symbol], nil
}

// fetchPrice asks the quote service for the price of symbol, and gives up
// with errTimeout if the answer takes longer than limit.
func fetchPrice(symbol string, limit time.Duration) (price float64, err error) {
	type answer struct {
		price float64
		err   error
	}
	done := make(chan answer)
	go func() {
		p, e := quote(symbol)
		select {
		case done <- answer{p, e}:
		default: // fetchPrice gave up: nobody is waiting for this answer
		}
	}()
	select {
	case a := <-done:
		return a.price, a.err
	case <-time.After(limit):
		return 0, errTimeout
	}
}

// run writes one line of the board for each symbol.
func run(out io.Writer, symbols []string) {
	for _, symbol := range symbols {
		price, err := fetchPrice(symbol, limit)
		if err != nil {
			fmt.Fprintf(out, "%-8s %v\n", symbol, err)
			continue
		}
		fmt.Fprintf(out, "%-8s %8.2f\n", symbol, price)
	}
}

func main() {
	run(os.Stdout, board)
}
