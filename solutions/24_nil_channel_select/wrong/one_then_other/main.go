// Command 24_nil_channel_select merges the price quotes of two stock
// exchanges into one stream, in the order they arrive.
//
// Run it with: go run ./exercises/24_nil_channel_select
package main

import (
	"fmt"
	"os"
	"time"
)

// Quote is one price quote from an exchange.
type Quote struct {
	Exchange string
	Price    int // in cents
}

// feed sends the given prices from one exchange, one every interval, and
// closes its channel after the last one.
func feed(exchange string, interval time.Duration, prices ...int) <-chan Quote {
	quotes := make(chan Quote)
	go func() {
		defer close(quotes)
		for _, p := range prices {
			time.Sleep(interval)
			quotes <- Quote{exchange, p}
		}
	}()
	return quotes
}

// merge forwards every quote from a and b to the channel it returns, in the
// order they arrive, and closes that channel once both feeds have closed.
func merge(a, b <-chan Quote) <-chan Quote {
	out := make(chan Quote)
	go func() {
		defer close(out)
		for q := range a {
			out <- q
		}
		for q := range b {
			out <- q
		}
	}()
	return out
}

func main() {
	frankfurt := feed("XETRA", 10*time.Millisecond, 10450, 10460, 10455)
	newYork := feed("NYSE", 15*time.Millisecond, 10448, 10452, 10461, 10470, 10466)
	for q := range merge(frankfurt, newYork) {
		fmt.Fprintf(os.Stdout, "%-5s %d.%02d\n", q.Exchange, q.Price/100, q.Price%100)
	}
}
