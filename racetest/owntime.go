package racetest

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// ownTime measures a limit in the process's own time: real time less what
// its threads spent waiting for a CPU. On a busy machine (a class graded in
// parallel, a CI runner) a limit then counts the test's time, not the queue
// it waited in, so a correct program is never cut short by the load, while
// a goroutine that spins still runs out of time and one blocked for good
// (which costs no CPU and waits in no queue) runs out at the limit. The
// wait is read from Linux's /proc/self/task/*/schedstat; elsewhere own time
// is real time. In a testing/synctest bubble time is fake and the load
// does not move it, so a limit there is not extended.
type ownTime struct {
	before   map[string]int64
	extended time.Duration
}

// minExtension is the least CPU wait worth extending a limit for.
const minExtension = 10 * time.Millisecond

// startOwnTime starts measuring.
func startOwnTime() *ownTime {
	return &ownTime{before: queued()}
}

// more is called when a real-time timer set to the limit fires: it returns
// how long to wait on, the CPU wait not yet added to the limit, or 0 when
// the limit is spent.
func (o *ownTime) more() time.Duration {
	d := waitedSince(o.before) - o.extended
	if d < minExtension || inBubble() {
		return 0
	}
	o.extended += d
	return d
}

// waitOwnTime waits until done is closed, and reports true, or until
// limit of the process's own time has passed, and reports false.
func waitOwnTime(limit time.Duration, done <-chan struct{}) bool {
	own := startOwnTime()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	for {
		select {
		case <-done:
			return true
		case <-timer.C:
		}
		more := own.more()
		if more == 0 {
			return false
		}
		timer.Reset(more)
	}
}

// queued returns how long each of the process's threads has waited for a
// CPU, by thread id, in nanoseconds; nothing where /proc cannot say.
func queued() map[string]int64 {
	waits := map[string]int64{}
	tasks, _ := os.ReadDir("/proc/self/task")
	for _, t := range tasks {
		data, err := os.ReadFile("/proc/self/task/" + t.Name() + "/schedstat")
		if err != nil {
			continue
		}
		// on-CPU time, run-queue wait, time slices
		if f := strings.Fields(string(data)); len(f) >= 2 {
			if n, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				waits[t.Name()] = n
			}
		}
	}
	return waits
}

// waitedSince returns the longest any thread has waited for a CPU since
// before, a result of queued.
func waitedSince(before map[string]int64) time.Duration {
	return longestWait(before, queued())
}

// longestWait returns the longest any thread waited between two results of
// queued; a thread new since before counts its whole wait.
func longestWait(before, after map[string]int64) time.Duration {
	var longest int64
	for tid, n := range after {
		longest = max(longest, n-before[tid])
	}
	return time.Duration(longest)
}

// inBubble reports whether the calling goroutine is in a testing/synctest
// bubble.
func inBubble() bool {
	buf := make([]byte, 4<<10)
	me := ParseGoroutines(string(buf[:runtime.Stack(buf, false)]))
	return len(me) > 0 && me[0].Bubble != 0
}
