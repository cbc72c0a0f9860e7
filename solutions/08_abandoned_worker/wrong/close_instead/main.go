// Command 08_abandoned_worker shows the prices of a shop's items. It asks
// the supplier for each price and gives up on a supplier that is too slow,
// so the page loads quickly either way.
//
// Run it with: go run ./exercises/08_abandoned_worker
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// supplier answers with the price of an item, in cents; it can be slow.
type supplier func(item string) int

// slowness is how long the supplier takes to price each item.
var slowness = map[string]time.Duration{
	"kettle":  10 * time.Millisecond,
	"toaster": 300 * time.Millisecond,
	"teapot":  20 * time.Millisecond,
	"blender": 500 * time.Millisecond,
}

// acme is the shop's supplier.
func acme(item string) int {
	time.Sleep(slowness[item])
	return 1999
}

// quote asks the supplier for the price of item and gives up when ctx is
// done.
func quote(ctx context.Context, item string, ask supplier) (int, error) {
	price := make(chan int)
	go func() {
		price <- ask(item)
	}()
	select {
	case p := <-price:
		return p, nil
	case <-ctx.Done():
		// Unblock the worker: nobody will read its answer.
		close(price)
		return 0, ctx.Err()
	}
}

func main() {
	for _, item := range []string{"kettle", "toaster", "teapot", "blender"} {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		p, err := quote(ctx, item, acme)
		cancel()
		if err != nil {
			fmt.Printf("%-8s price unavailable (%v)\n", item, err)
			continue
		}
		fmt.Printf("%-8s $%d.%02d\n", item, p/100, p%100)
	}
	time.Sleep(time.Second) // give the slow answers time to arrive
	fmt.Printf("goroutines still running: %d\n", runtime.NumGoroutine()-1)
}
