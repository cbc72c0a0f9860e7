// wrong: Reserve no longer locks twice, but it checks the stock with
// InStock, whose lock is gone when it returns, and takes the items under a
// second lock; two orders can both see the last mug and both take it. No
// test can force that interleaving, so it is caught by rule
// one-critical-section.
// Command 29_relock takes a burst of orders for a small online shop, all
// at once, and packs every order it has the stock for.
//
// Run it with: go run ./exercises/29_relock
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Inventory counts the items in stock. Its mutex guards stock.
type Inventory struct {
	mu    sync.Mutex
	stock map[string]int
}

// newInventory returns an inventory holding the given stock.
func newInventory(stock map[string]int) *Inventory {
	return &Inventory{stock: stock}
}

// InStock returns how many of item are left.
func (inv *Inventory) InStock(item string) int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	return inv.stock[item]
}

// Reserve takes n of item out of stock and returns true, or returns false
// and takes nothing if fewer than n are left. The check and the update
// happen under one lock, so two orders cannot both get the last item.
func (inv *Inventory) Reserve(item string, n int) bool {
	if inv.InStock(item) < n {
		return false
	}
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.stock[item] -= n
	return true
}

// An Order asks for Qty of one Item.
type Order struct {
	ID   int
	Item string
	Qty  int
}

// fulfil reserves the stock for every order at once, one goroutine per
// order, and packs each order it could reserve. It returns how many
// orders it packed.
func fulfil(inv *Inventory, orders []Order, pack func(Order)) int {
	var wg sync.WaitGroup
	packed := make(chan Order, len(orders))
	for _, o := range orders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if inv.Reserve(o.Item, o.Qty) {
				pack(o)
				packed <- o
			}
		}()
	}
	wg.Wait()
	return len(packed)
}

// run takes six orders, more than there is stock for, and reports to
// out.
func run(out io.Writer) {
	inv := newInventory(map[string]int{"mug": 6, "teapot": 1})
	orders := []Order{
		{1, "mug", 2}, {2, "mug", 2}, {3, "teapot", 1},
		{4, "mug", 2}, {5, "mug", 2}, {6, "teapot", 1},
	}
	n := fulfil(inv, orders, func(o Order) {
		time.Sleep(50 * time.Millisecond) // wrapping takes a while
		fmt.Fprintf(out, "packed order %d: %d x %s\n", o.ID, o.Qty, o.Item)
	})
	fmt.Fprintf(out, "%d of %d orders packed, %d mugs left\n", n, len(orders), inv.InStock("mug"))
}

func main() {
	run(os.Stdout)
}
