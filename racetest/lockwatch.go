package racetest

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
	before map[int]bool
}

// WatchLocks makes a LockWatch that ignores the goroutines alive now.
func WatchLocks() *LockWatch {
	before := make(map[int]bool)
	for _, g := range Snapshot() {
		before[g.ID] = true
	}
	return &LockWatch{before: before}
}

// Waiting returns how many goroutines started since w was made are blocked
// in sync.Mutex.Lock, sync.RWMutex.Lock or sync.RWMutex.RLock.
func (w *LockWatch) Waiting() int {
	return countLockWaiters(Snapshot(), w.before)
}

// countLockWaiters counts the goroutines of gs that wait for a lock and
// whose id is not in skip.
func countLockWaiters(gs Goroutines, skip map[int]bool) int {
	return gs.Count(func(g Goroutine) bool {
		return !skip[g.ID] && g.WaitsForLock()
	})
}
