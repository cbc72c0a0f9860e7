package racetest

import (
	"sync"
	"testing"
	"time"
)

func TestCountLockWaiters(t *testing.T) {
	dump := `goroutine 7 [running]:
main.run()
	/x/main.go:9 +0x17c

goroutine 8 [sync.Mutex.Lock]:
sync.(*Mutex).Lock(0x6541f8?)
	/usr/local/go/src/sync/mutex.go:46 +0x15

goroutine 9 [sync.RWMutex.RLock, 2 minutes]:
sync.(*RWMutex).RLock(...)

goroutine 10 [sync.RWMutex.Lock]:
sync.(*RWMutex).Lock(...)

goroutine 11 [chan receive]:
main.worker()

goroutine 12 [sync.Mutex.Lock, 5 minutes, synctest bubble 1]:
sync.(*Mutex).Lock(0x6541f8?)
`
	tests := []struct {
		name string
		skip map[int]bool
		want int
	}{
		{"all", nil, 4},
		{"skip one waiter", map[int]bool{8: true}, 3},
		{"skip others", map[int]bool{7: true, 11: true}, 4},
		{"skip all waiters", map[int]bool{8: true, 9: true, 10: true, 12: true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := countLockWaiters(ParseGoroutines(dump), tt.skip); got != tt.want {
				t.Errorf("countLockWaiters = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestLockWatch(t *testing.T) {
	var old sync.Mutex
	old.Lock()
	defer old.Unlock()
	go func() { // alive before the watch: not counted
		old.Lock()
		old.Unlock()
	}()
	waitFor(t, func() bool { return countLockWaiters(Snapshot(), nil) >= 1 })

	watch := WatchLocks()
	if got := watch.Waiting(); got != 0 {
		t.Fatalf("Waiting = %d before any new goroutine waits, want 0", got)
	}
	var mu sync.Mutex
	mu.Lock()
	done := make(chan struct{})
	go func() {
		defer close(done)
		mu.Lock()
		mu.Unlock()
	}()
	waitFor(t, func() bool { return watch.Waiting() == 1 })
	mu.Unlock()
	<-done
	if got := watch.Waiting(); got != 0 {
		t.Errorf("Waiting = %d after the waiter got its lock, want 0", got)
	}
}

// waitFor polls cond until it holds, failing t after a few seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
	}
}
