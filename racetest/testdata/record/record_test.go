// Package record writes the goroutine dumps in racetest/testdata, which
// racetest's tests parse. Record them again with each Go release the kit
// supports, from the repository root:
//
//	DUMP=$PWD/racetest/testdata/go1.26.txt go test -count=1 ./racetest/testdata/record
//	GOTOOLCHAIN=go1.27.3 DUMP=$PWD/racetest/testdata/go1.27.txt go test -count=1 ./racetest/testdata/record
package record

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// Server stands for a program's server type, with a method on the stack.
type Server struct{ mu *sync.Mutex }

// handle waits for the server's lock.
func (s *Server) handle() {
	s.mu.Lock()
	s.mu.Unlock()
}

// run waits on ch, as a program's run would wait for its workers.
func run(ch chan int) { <-ch }

// quote starts a worker that waits to send on ch, and one that sleeps.
func quote(ch chan int) {
	go func() { ch <- 1 }()
	go func() { time.Sleep(time.Hour) }()
}

// spin keeps a CPU busy until stop is set.
func spin(stop *atomic.Bool) {
	for !stop.Load() {
	}
}

// stacks returns every goroutine's stack.
func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// scrub replaces the machine's paths in dump with fixed ones.
func scrub(dump string) string {
	dump = strings.ReplaceAll(dump, runtime.GOROOT(), "/goroot")
	if wd, err := os.Getwd(); err == nil {
		root := strings.TrimSuffix(wd, "/racetest/testdata/record")
		dump = strings.ReplaceAll(dump, root, "/racekit")
	}
	return dump
}

// waitUntil polls the goroutine dump until it contains s. It yields
// rather than sleeps: it runs in a bubble that a mutex waiter keeps from
// advancing its clock.
func waitUntil(s string) {
	for !strings.Contains(stacks(), s) {
		runtime.Gosched()
	}
}

func TestRecord(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip("DUMP names no file to write the dump to")
	}
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	go (&Server{mu: &mu}).handle() // sync.Mutex.Lock, outside any bubble
	outside := make(chan int)
	defer close(outside)
	go run(outside) // chan receive, outside any bubble
	var stop atomic.Bool
	defer stop.Store(true)
	go spin(&stop) // running or runnable

	// A second bubble, whose goroutines are not the recording one's.
	other, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	go synctest.Test(t, func(t *testing.T) {
		ch := make(chan int)
		go run(ch)
		synctest.Wait()
		close(other)
		<-release
		close(ch)
	})
	<-other

	// The recording bubble runs in a goroutine of its own, as
	// racetest.InBubble runs it.
	done := make(chan struct{})
	go func() {
		defer close(done)
		synctest.Test(t, func(t *testing.T) {
			ch := make(chan int)
			quote(ch) // chan send and sleep, started by quote
			c := sync.NewCond(&sync.Mutex{})
			go func() { c.L.Lock(); c.Wait(); c.L.Unlock() }()
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { wg.Wait() }()
			sel := make(chan int)
			go func() {
				select {
				case <-sel:
				case <-time.After(time.Hour):
				}
			}()
			synctest.Wait()
			// A mutex waiter is not durably blocked: start it after
			// synctest.Wait, which would wait for it forever.
			var bmu sync.Mutex
			bmu.Lock()
			go func() { bmu.Lock(); bmu.Unlock() }()
			waitUntil("[sync.Mutex.Lock, synctest bubble")
			if err := os.WriteFile(path, []byte(scrub(stacks())), 0o644); err != nil {
				t.Error(err)
			}
			bmu.Unlock()
			<-ch
			close(sel)
			c.Broadcast()
			wg.Done()
			time.Sleep(2 * time.Hour)
		})
	}()
	<-done
}
