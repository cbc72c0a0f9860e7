package main

import (
	"sync"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// limit is how long a call may take. Reserving takes microseconds; a call
// that is still running after this is stuck for good.
const limit = 500 * time.Millisecond

func TestReserve(t *testing.T) {
	inv := newInventory(map[string]int{"mug": 5})
	var ok bool
	racetest.Within(t, limit, func() {
		ok = inv.Reserve("mug", 2)
	})
	if !ok {
		t.Errorf("reserving 2 of 5 mugs failed")
	}
	if left := inv.InStock("mug"); left != 3 {
		t.Errorf("%d mugs left after reserving 2 of 5, want 3", left)
	}
}

func TestReserveTooMany(t *testing.T) {
	inv := newInventory(map[string]int{"mug": 1})
	var ok bool
	racetest.Within(t, limit, func() {
		ok = inv.Reserve("mug", 2)
	})
	if ok {
		t.Errorf("reserved 2 mugs with only 1 in stock")
	}
	if left := inv.InStock("mug"); left != 1 {
		t.Errorf("%d mugs left after a failed reservation of 1 mug, want 1", left)
	}
}

// waitForLock waits until a goroutine watched by watch is blocked on a lock,
// and reports true, or until a result arrives on got, and reports false.
// A goroutine that waits for a lock does so within microseconds; the
// limit only ends the wait for one that neither waits nor returns.
func waitForLock[T any](watch *racetest.LockWatch, got chan T) bool {
	deadline := time.Now().Add(4 * limit)
	for time.Now().Before(deadline) {
		if len(got) > 0 {
			return false
		}
		if watch.Waiting() > 0 {
			return true
		}
		time.Sleep(100 * time.Microsecond)
	}
	return len(got) == 0
}

func TestInStockWaitsForLock(t *testing.T) {
	// The test plays an order that holds the lock while it changes the
	// stock: InStock, called on its own, must wait for it and then see
	// the new count.
	inv := newInventory(map[string]int{"mug": 5, "teapot": 2})
	watch := racetest.WatchLocks()
	inv.mu.Lock()
	got := make(chan int, 1)
	go func() { got <- inv.InStock("teapot") }()
	if !waitForLock(watch, got) {
		inv.mu.Unlock()
		t.Fatalf("InStock(teapot) returned %d while another order held the lock: InStock must wait for the lock, then read", <-got)
	}
	inv.stock["teapot"] = 7
	inv.mu.Unlock()
	var n int
	racetest.Within(t, limit, func() { n = <-got })
	if n != 7 {
		t.Errorf("InStock(teapot) returned %d while another order held the lock and set the stock to 7: InStock must wait for the lock, then read", n)
	}
}

func TestReserveWaitsForLock(t *testing.T) {
	inv := newInventory(map[string]int{"teapot": 3})
	watch := racetest.WatchLocks()
	inv.mu.Lock()
	got := make(chan bool, 1)
	go func() { got <- inv.Reserve("teapot", 2) }()
	if !waitForLock(watch, got) {
		inv.mu.Unlock()
		t.Fatalf("Reserve returned %v while another order held the lock: Reserve must wait for the lock, then check the stock", <-got)
	}
	inv.stock["teapot"] = 1
	inv.mu.Unlock()
	var ok bool
	racetest.Within(t, limit, func() { ok = <-got })
	if ok {
		t.Errorf("reserved 2 teapots after another order left only 1: Reserve must check the stock under the lock")
	}
	if left := inv.InStock("teapot"); left != 1 {
		t.Errorf("%d teapots left after a refused reservation of 2 out of 1, want 1", left)
	}
}

// packer is a pack function that holds every order until all the orders
// it expects are being packed at the same time: it proves that fulfil
// handles the orders at once, not one after another.
type packer struct {
	want int
	all  chan struct{} // closed when want orders are being packed

	mu     sync.Mutex
	packed []Order
}

// newPacker returns a packer that waits for want orders.
func newPacker(want int) *packer {
	return &packer{want: want, all: make(chan struct{})}
}

// pack records o and waits for the other orders.
func (p *packer) pack(o Order) {
	p.mu.Lock()
	p.packed = append(p.packed, o)
	if len(p.packed) == p.want {
		close(p.all)
	}
	p.mu.Unlock()
	<-p.all
}

func TestOrdersPackedAtOnce(t *testing.T) {
	inv := newInventory(map[string]int{"mug": 6})
	orders := []Order{{1, "mug", 2}, {2, "mug", 2}, {3, "mug", 2}, {4, "mug", 2}, {5, "mug", 2}}
	p := newPacker(3)
	var n int
	racetest.Within(t, limit, func() {
		n = fulfil(inv, orders, p.pack)
	})
	if n != 3 || len(p.packed) != 3 {
		t.Errorf("packed %d orders of 2 mugs (fulfil said %d) with 6 mugs in stock, want 3", len(p.packed), n)
	}
	if left := inv.InStock("mug"); left != 0 {
		t.Errorf("%d mugs left after packing 3 orders of 2 out of 6, want 0", left)
	}
}
