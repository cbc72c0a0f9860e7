package main

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// limit is how long a batch of transfers may take. They take microseconds;
// a batch that is still running after this is stuck for good.
const limit = 500 * time.Millisecond

// meeting is an audit hook that keeps every transfer, while it holds its
// first account, until the other transfers hold an account too, or until
// one of them is waiting for a lock. So the transfers always take their
// first locks before any of them takes a second one, which is the moment a
// wrong lock order deadlocks, and yet a transfer never waits for one that
// cannot come.
type meeting struct {
	watch   *racetest.LockWatch
	want    int32        // transfers that should meet
	arrived atomic.Int32 // transfers that reached the audit
	waited  atomic.Bool  // whether a transfer had to wait for another's lock
}

// newMeeting returns a meeting for n transfers.
func newMeeting(n int) *meeting {
	return &meeting{watch: racetest.WatchLocks(), want: int32(n)}
}

// audit is the hook: it waits for the others, or for one of them to wait.
func (m *meeting) audit(Transfer) {
	m.arrived.Add(1)
	for {
		if m.arrived.Load() >= m.want {
			return
		}
		if m.watch.Waiting() > 0 {
			m.waited.Store(true)
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// checkBalances compares the balances with what they should be.
func checkBalances(t *testing.T, want map[*Account]int) {
	t.Helper()
	for a, w := range want {
		if a.balance != w {
			t.Errorf("%s has %d, want %d", a.Name, a.balance, w)
		}
	}
}

func TestOppositeTransfers(t *testing.T) {
	alice := &Account{ID: 1, Name: "alice", balance: 100}
	bob := &Account{ID: 2, Name: "bob", balance: 50}
	bank := &Bank{audit: newMeeting(2).audit}
	var settled int
	racetest.Within(t, limit, func() {
		settled = bank.settle([]Transfer{{alice, bob, 30}, {bob, alice, 20}})
	})
	if settled != 2 {
		t.Errorf("%d of 2 transfers went through, want both", settled)
	}
	checkBalances(t, map[*Account]int{alice: 90, bob: 60})
}

func TestTransferRing(t *testing.T) {
	alice := &Account{ID: 1, Name: "alice", balance: 100}
	bob := &Account{ID: 2, Name: "bob", balance: 100}
	carol := &Account{ID: 3, Name: "carol", balance: 100}
	bank := &Bank{audit: newMeeting(3).audit}
	var settled int
	racetest.Within(t, limit, func() {
		settled = bank.settle([]Transfer{{alice, bob, 10}, {bob, carol, 20}, {carol, alice, 30}})
	})
	if settled != 3 {
		t.Errorf("%d of 3 transfers went through, want all 3", settled)
	}
	checkBalances(t, map[*Account]int{alice: 120, bob: 90, carol: 90})
}

func TestUnrelatedTransfersRunAtOnce(t *testing.T) {
	alice := &Account{ID: 1, Name: "alice", balance: 100}
	bob := &Account{ID: 2, Name: "bob", balance: 100}
	carol := &Account{ID: 3, Name: "carol", balance: 100}
	dave := &Account{ID: 4, Name: "dave", balance: 100}
	m := newMeeting(2)
	bank := &Bank{audit: m.audit}
	racetest.Within(t, limit, func() {
		bank.settle([]Transfer{{alice, bob, 10}, {carol, dave, 20}})
	})
	if m.waited.Load() {
		t.Errorf("alice pays bob and carol pays dave, but one transfer waited for the other: a transfer should lock only its own two accounts")
	}
	checkBalances(t, map[*Account]int{alice: 90, bob: 110, carol: 80, dave: 120})
}

func TestSameNames(t *testing.T) {
	// Two customers called sam, with the same balance: only their IDs
	// tell the accounts apart.
	sam := &Account{ID: 7, Name: "sam", balance: 80}
	otherSam := &Account{ID: 4, Name: "sam", balance: 80}
	bank := &Bank{audit: newMeeting(2).audit}
	var settled int
	racetest.Within(t, limit, func() {
		settled = bank.settle([]Transfer{{sam, otherSam, 25}, {otherSam, sam, 5}})
	})
	if settled != 2 {
		t.Errorf("%d of 2 transfers between two customers called sam went through, want both", settled)
	}
	checkBalances(t, map[*Account]int{sam: 60, otherSam: 100})
}

// held reports how many of the accounts are locked now.
func held(accounts ...*Account) int {
	n := 0
	for _, a := range accounts {
		if a.mu.TryLock() {
			a.mu.Unlock()
		} else {
			n++
		}
	}
	return n
}

// heldAtAudit is an audit hook for a batch of one transfer: it records how
// many of the transfer's two accounts the transfer held when it wrote the
// audit record.
type heldAtAudit struct {
	mu    sync.Mutex
	calls int
	held  int
}

func (h *heldAtAudit) audit(t Transfer) {
	n := held(t.From, t.To)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls++
	h.held = n
}

// check fails t unless the one transfer was audited once, while it held
// exactly one of its accounts.
func (h *heldAtAudit) check(t *testing.T) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.calls != 1:
		t.Errorf("one transfer wrote %d audit records, want 1", h.calls)
	case h.held == 0:
		t.Errorf("the transfer wrote its audit record before it held either account: it must hold the first account while it writes it")
	case h.held == 2:
		t.Errorf("the transfer wrote its audit record only once it held both accounts: it must write it as soon as it holds the first")
	}
}

func TestAuditHoldsFirstAccount(t *testing.T) {
	for _, ids := range [][2]int{{1, 2}, {2, 1}} {
		alice := &Account{ID: ids[0], Name: "alice", balance: 100}
		bob := &Account{ID: ids[1], Name: "bob", balance: 0}
		h := &heldAtAudit{}
		bank := &Bank{audit: h.audit}
		racetest.Within(t, limit, func() {
			bank.settle([]Transfer{{alice, bob, 30}})
		})
		h.check(t)
		checkBalances(t, map[*Account]int{alice: 70, bob: 30})
	}
}

func TestNotEnoughMoney(t *testing.T) {
	alice := &Account{ID: 1, Name: "alice", balance: 10}
	bob := &Account{ID: 2, Name: "bob", balance: 0}
	h := &heldAtAudit{}
	bank := &Bank{audit: h.audit}
	var settled int
	racetest.Within(t, limit, func() {
		settled = bank.settle([]Transfer{{alice, bob, 30}})
	})
	if settled != 0 {
		t.Errorf("alice paid 30 out of 10")
	}
	h.check(t)
	checkBalances(t, map[*Account]int{alice: 10, bob: 0})

	// A refused transfer must let go of both accounts: the next batch
	// needs them.
	bank.audit = func(Transfer) {}
	racetest.Within(t, limit, func() {
		settled = bank.settle([]Transfer{{bob, alice, 0}, {alice, bob, 10}})
	})
	if settled != 2 {
		t.Errorf("after a refused transfer, %d of 2 transfers went through, want both", settled)
	}
	checkBalances(t, map[*Account]int{alice: 0, bob: 10})
}

func TestWaitsForBusyAccount(t *testing.T) {
	alice := &Account{ID: 1, Name: "alice", balance: 100}
	bob := &Account{ID: 2, Name: "bob", balance: 0}
	bank := &Bank{audit: func(Transfer) {}}
	watch := racetest.WatchLocks()
	// A teller has bob's account open: the transfer must wait for it.
	bob.mu.Lock()
	done := make(chan int, 1)
	go func() { done <- bank.settle([]Transfer{{alice, bob, 30}}) }()
	// The transfer waits for bob's lock within microseconds; the limit
	// only ends the loop for a transfer that never waits.
	deadline := time.Now().Add(4 * limit)
	for watch.Waiting() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if watch.Waiting() == 0 {
		// The transfer is still at work: Within shows where, and ends
		// the test; the deferred Unlock then lets the transfer finish.
		defer bob.mu.Unlock()
		t.Log("while bob's account was locked, the transfer from alice to bob never waited for it: it kept trying again in a busy loop that burns the CPU")
		racetest.Within(t, limit/5, func() { <-done })
	}
	bob.mu.Unlock()
	var settled int
	racetest.Within(t, limit, func() { settled = <-done })
	if settled != 1 {
		t.Errorf("%d of 1 transfer went through, want it to", settled)
	}
	checkBalances(t, map[*Account]int{alice: 70, bob: 30})
}
