package racetest

import (
	"strings"
)

// LockWatch counts the goroutines that are waiting to lock a sync.Mutex or
// sync.RWMutex, among those started after the watch was made. A test uses
// it as a barrier that needs no timing luck: a goroutine that holds a lock
// waits, before it goes on, until another goroutine either reaches the same
// point or is known to be waiting for a lock:
//
//	watch := racetest.WatchLocks()
//	bank.audit = func() {
//		for arrived.Load() < 2 && watch.Waiting() == 0 {
//			time.Sleep(time.Millisecond)
//		}
//	}
//
// Goroutines that were alive when the watch was made are left out, so a
// goroutine stuck in an earlier test (one that Within abandoned) does not
// count. Waiting reads every goroutine's stack, so poll it, not spin on it.
type LockWatch struct {
	before map[string]bool
}

// WatchLocks makes a LockWatch that ignores the goroutines alive now.
func WatchLocks() *LockWatch {
	before := make(map[string]bool)
	for _, g := range goroutineHeaders(allStacks()) {
		before[g.id] = true
	}
	return &LockWatch{before: before}
}

// Waiting returns how many goroutines started since w was made are blocked
// in sync.Mutex.Lock, sync.RWMutex.Lock or sync.RWMutex.RLock.
func (w *LockWatch) Waiting() int {
	return countLockWaiters(allStacks(), w.before)
}

// countLockWaiters counts the goroutines in dump (as runtime.Stack with all
// set writes it) that wait for a lock and whose id is not in skip.
func countLockWaiters(dump string, skip map[string]bool) int {
	n := 0
	for _, g := range goroutineHeaders(dump) {
		if skip[g.id] {
			continue
		}
		switch g.state {
		case "sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock":
			n++
		}
	}
	return n
}

// goroutineHeader is the first line of one goroutine in a stack dump:
// "goroutine 18 [sync.Mutex.Lock, 2 minutes]:".
type goroutineHeader struct {
	id    string
	state string
}

// goroutineHeaders returns the id and wait state of every goroutine in dump.
// The state leaves out how long the goroutine has waited.
func goroutineHeaders(dump string) []goroutineHeader {
	var gs []goroutineHeader
	for line := range strings.SplitSeq(dump, "\n") {
		rest, ok := strings.CutPrefix(line, "goroutine ")
		if !ok {
			continue
		}
		id, state, ok := strings.Cut(rest, " [")
		if !ok {
			continue
		}
		state, _, ok = strings.Cut(state, "]")
		if !ok {
			continue
		}
		state, _, _ = strings.Cut(state, ",")
		id, _, _ = strings.Cut(id, " ") // GOTRACEBACK=system adds "gp=... m=..."
		gs = append(gs, goroutineHeader{id: id, state: state})
	}
	return gs
}
