package main

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// meteredFetch returns a fetch function that takes 10ms of fake time,
// returns the length of the package name as its size, and records in m how
// many downloads run at once.
func meteredFetch(m *racetest.Meter) func(string) int {
	return func(pkg string) int {
		m.Enter()
		defer m.Leave()
		time.Sleep(10 * time.Millisecond)
		return len(pkg)
	}
}

// names returns n package names of different lengths.
func names(n int) []string {
	pkgs := make([]string, n)
	for i := range pkgs {
		pkgs[i] = fmt.Sprintf("pkg-%0*d", i+1, i)
	}
	return pkgs
}

// oneAtATime is set when TestDownloadsOverlap finds that the downloads ran
// one after another. The tests after it then stop at once: code that holds a
// lock for the whole of a download would hang in their testing/synctest
// bubbles, where fake time cannot pass while a goroutine waits for a lock.
var oneAtATime bool

// TestDownloadsOverlap runs in real time, outside any bubble: the downloads
// meet at a barrier that opens once limit of them are there at once.
func TestDownloadsOverlap(t *testing.T) {
	const limit = 3
	b := racetest.NewBarrier(limit, 0) // opens anyway after racetest.DefaultLimit
	racetest.Within(t, 5*time.Second, func() {
		downloadAll(names(10), limit, func(pkg string) int {
			b.Wait()
			return len(pkg)
		})
	})
	if got := b.Max(); got < limit {
		oneAtATime = got == 1
		t.Errorf("at most %d downloads ran at once with a limit of %d: hold a slot of the semaphore, not a lock that lets one download in at a time", got, limit)
	}
}

// stopIfOneAtATime ends a test whose downloads would hang, as
// TestDownloadsOverlap found.
func stopIfOneAtATime(t *testing.T) {
	t.Helper()
	if oneAtATime {
		t.Fatal("not run: the downloads ran one at a time (see TestDownloadsOverlap)")
	}
}

func TestNeverMoreThanLimit(t *testing.T) {
	stopIfOneAtATime(t)
	for _, limit := range []int{1, 3, 4} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				pkgs := names(10)
				m := &racetest.Meter{}
				downloadAll(pkgs, limit, meteredFetch(m))
				if got := m.Max(); got > limit {
					t.Errorf("%d downloads ran at once, but the limit is %d", got, limit)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestLimitUsedInFull(t *testing.T) {
	stopIfOneAtATime(t)
	for _, limit := range []int{3, 4} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				m := &racetest.Meter{}
				start := time.Now()
				downloadAll(names(10), limit, meteredFetch(m))
				if got := m.Max(); got < limit {
					t.Errorf("at most %d downloads ran at once, but %d are allowed", got, limit)
				}
				// 10 downloads of 10ms, limit at a time, take
				// ceil(10/limit) rounds of 10ms each.
				rounds := (10 + limit - 1) / limit
				if elapsed, want := time.Since(start), time.Duration(rounds)*10*time.Millisecond; elapsed > want {
					t.Errorf("10 downloads with a limit of %d took %v of fake time, want %v", limit, elapsed, want)
				}
				racetest.LetFinish()
			})
		})
	}
}

func TestEveryPackageDownloaded(t *testing.T) {
	stopIfOneAtATime(t)
	synctest.Test(t, func(t *testing.T) {
		pkgs := names(7)
		m := &racetest.Meter{}
		sizes := downloadAll(pkgs, 3, meteredFetch(m))
		want := make([]int, len(pkgs))
		for i, p := range pkgs {
			want[i] = len(p)
		}
		if !slices.Equal(sizes, want) {
			t.Errorf("downloadAll returned sizes %v, want %v", sizes, want)
		}
		if got := m.Finished(); got != len(pkgs) {
			t.Errorf("%d downloads finished for %d packages, want one each", got, len(pkgs))
		}
		racetest.LetFinish()
	})
}

// TestSlotReusedAtOnce downloads packages that take one, two or three units
// of a little over 10ms, records when each download starts and ends, and
// checks every moment something happened: while packages are waiting,
// exactly limit downloads must be running, so a package starts the moment a
// slot is given back (not when a whole batch is done, nor on a later retry:
// a unit is no whole number of microseconds, so no retry loop's tick falls
// on the end of a download).
func TestSlotReusedAtOnce(t *testing.T) {
	stopIfOneAtATime(t)
	const unit = 10*time.Millisecond + 37*time.Nanosecond
	for _, limit := range []int{2, 3} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				pkgs := names(11)
				type event struct {
					at    time.Duration
					delta int // +1 a download started, -1 one ended
				}
				var (
					mu     sync.Mutex
					events []event
				)
				start := time.Now()
				record := func(delta int) {
					mu.Lock()
					defer mu.Unlock()
					events = append(events, event{time.Since(start), delta})
				}
				downloadAll(pkgs, limit, func(pkg string) int {
					record(+1)
					time.Sleep(unit * time.Duration(1+len(pkg)%3))
					record(-1)
					return len(pkg)
				})
				slices.SortStableFunc(events, func(a, b event) int { return cmp.Compare(a.at, b.at) })
				running, finished := 0, 0
				for i := 0; i < len(events); {
					at := events[i].at
					for ; i < len(events) && events[i].at == at; i++ {
						running += events[i].delta
						if events[i].delta < 0 {
							finished++
						}
					}
					waiting := len(pkgs) - finished - running
					if running > limit {
						t.Errorf("after %v, %d downloads were running, but the limit is %d", at.Round(time.Millisecond), running, limit)
						return
					}
					if running < limit && waiting > 0 {
						t.Errorf("after %v, %d downloads were running and %d waiting with a limit of %d: a download must start as soon as a slot is free", at.Round(time.Millisecond), running, waiting, limit)
						return
					}
				}
			})
		})
	}
}
