package main

import (
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

func TestNotEnoughMoney(t *testing.T) {
	alice := &Account{ID: 1, Name: "alice", balance: 10}
	bob := &Account{ID: 2, Name: "bob", balance: 0}
	bank := &Bank{audit: func(Transfer) {}}
	var settled int
	racetest.Within(t, limit, func() {
		settled = bank.settle([]Transfer{{alice, bob, 30}})
	})
	if settled != 0 {
		t.Errorf("alice paid 30 out of 10")
	}
	checkBalances(t, map[*Account]int{alice: 10, bob: 0})
}
