// wrong: a transfer that cannot get its second account lets go of the
// first and tries again, in a busy loop.

// Command 28_bank_transfer settles a batch of transfers between bank
// accounts, all at once, and prints the balances.
//
// Run it with: go run ./exercises/28_bank_transfer
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
)

// An Account holds one customer's money. Its mutex guards its balance.
type Account struct {
	ID   int
	Name string

	mu      sync.Mutex
	balance int
}

// A Transfer moves Amount from one account to another.
type Transfer struct {
	From, To *Account
	Amount   int
}

// A Bank settles transfers.
type Bank struct {
	// audit records a transfer in the audit log. Each transfer calls it
	// as soon as it holds its first account, before it locks the second.
	audit func(t Transfer)
}

// transfer moves t.Amount from t.From to t.To while it holds both accounts,
// so that no one ever sees the money in neither account or in both. It
// returns false, and moves nothing, if the payer has too little money.
func (b *Bank) transfer(t Transfer) bool {
	// TODO: two transfers between the same two accounts in opposite
	// directions lock them in opposite orders. Each can end up holding the
	// account the other one is waiting for.
	first, second := t.From, t.To
	audited := false
	for {
		first.mu.Lock()
		if !audited {
			b.audit(t)
			audited = true
		}
		if second.mu.TryLock() {
			break
		}
		first.mu.Unlock()
	}
	defer first.mu.Unlock()
	defer second.mu.Unlock()

	if t.From.balance < t.Amount {
		return false
	}
	t.From.balance -= t.Amount
	t.To.balance += t.Amount
	return true
}

// settle runs every transfer at once, one goroutine per transfer, and
// returns how many of them went through.
func (b *Bank) settle(transfers []Transfer) int {
	var wg sync.WaitGroup
	var done atomic.Int32
	for _, t := range transfers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if b.transfer(t) {
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	return int(done.Load())
}

// run settles a day of transfers between three friends and prints the
// audit log and the balances to out.
func run(out io.Writer) {
	alice := &Account{ID: 1, Name: "alice", balance: 100}
	bob := &Account{ID: 2, Name: "bob", balance: 100}
	carol := &Account{ID: 3, Name: "carol", balance: 100}
	bank := &Bank{audit: func(t Transfer) {
		fmt.Fprintf(out, "audit: %s pays %s %d\n", t.From.Name, t.To.Name, t.Amount)
	}}
	n := bank.settle([]Transfer{
		{alice, bob, 30}, {bob, alice, 10},
		{bob, carol, 25}, {carol, bob, 5},
		{carol, alice, 40}, {alice, carol, 15},
	})
	fmt.Fprintf(out, "%d transfers settled\n", n)
	for _, a := range []*Account{alice, bob, carol} {
		fmt.Fprintf(out, "%-5s %4d\n", a.Name, a.balance)
	}
}

func main() {
	run(os.Stdout)
}
