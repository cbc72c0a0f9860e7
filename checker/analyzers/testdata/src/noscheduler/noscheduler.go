package noscheduler

import (
	"runtime"
	"sync"
)

func run() {
	runtime.Gosched()      // want `runtime.Gosched changes the timing, not the synchronization`
	runtime.GOMAXPROCS(1)  // want `runtime.GOMAXPROCS changes the timing, not the synchronization`
	runtime.LockOSThread() // want `runtime.LockOSThread changes the timing, not the synchronization`
	_ = runtime.NumCPU()
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock()
}
