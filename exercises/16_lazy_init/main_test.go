package main

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// These tests run in real time, not in a synctest bubble: a goroutine
// waiting for a sync.Once (or a sync.Mutex) is not durably blocked, so a
// bubble would never advance its clock while the first load sleeps.

// crowd returns n visitors who are not the program's own.
func crowd(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("guest%02d", i)
	}
	return names
}

// waitingInHandle returns how many goroutines are inside Server.handle and
// blocked there (on the test's slow disk, a sync.Once, a lock, a channel),
// and how many are inside it and running.
func waitingInHandle() (blocked, running int) {
	handle := racetest.FuncName((*Server).handle)
	for _, g := range racetest.Snapshot() {
		switch {
		case !g.Calls(handle):
		case g.Running():
			running++
		default:
			blocked++
		}
	}
	return blocked, running
}

// withRender makes handle use fake to render a page until the test ends.
func withRender(t *testing.T, fake func()) {
	saved := render
	render = fake
	t.Cleanup(func() { render = saved })
}

func TestNoRequestNoLoad(t *testing.T) {
	var loads atomic.Int32
	s := newServer(func() *Config {
		loads.Add(1)
		return &Config{Greeting: "Hi"}
	})
	racetest.Within(t, racetest.DefaultLimit, func() { serve(&racetest.Output{}, s, nil) })
	if n := loads.Load(); n != 0 {
		t.Errorf("the settings were loaded %d times although no request came; load them on first use", n)
	}
}

func TestSettingsLoadedOnce(t *testing.T) {
	guests := crowd(32)
	var loads atomic.Int32
	var serving atomic.Bool
	gate := make(chan struct{})
	s := newServer(func() *Config {
		loads.Add(1)
		if serving.Load() {
			<-gate // the disk is slow: the test decides when the read ends
		}
		return &Config{Greeting: "Howdy"}
	})
	if n := loads.Load(); n != 0 {
		t.Errorf("newServer loaded the settings %d times before any request needed them; load them on first use", n)
	}
	// Every page is rendered only once all of them are being rendered at
	// once.
	barrier := racetest.NewBarrier(len(guests), 0)
	withRender(t, barrier.Wait)
	out := &racetest.Output{}
	done := make(chan struct{})
	serving.Store(true)
	go func() {
		defer close(done)
		serve(out, s, guests)
	}()
	// Keep the first load going until every request has asked for the
	// settings and is waiting for them, then let it finish. A request that
	// found no settings meanwhile has started a load of its own.
	var blocked, running int
	for start := time.Now(); time.Since(start) < racetest.DefaultLimit; time.Sleep(time.Millisecond) {
		if blocked, running = waitingInHandle(); blocked == len(guests) {
			break
		}
	}
	close(gate)
	racetest.Within(t, 4*racetest.DefaultLimit, func() { <-done })
	switch {
	case running > 0:
		t.Errorf("%d of %d requests kept a CPU busy while the settings loaded: wait for the first load (sync.Once, a lock), do not check a flag in a loop", running, len(guests))
	case blocked < len(guests):
		t.Errorf("only %d of %d requests were asking for the settings while the first load was under way: the requests were handled one after another", blocked, len(guests))
	case !barrier.Full():
		t.Errorf("at most %d of %d pages were being rendered at once: the requests were handled one after another (is a lock held around the whole request?)", barrier.Max(), len(guests))
	}
	if n := loads.Load(); n != 1 {
		t.Errorf("the settings were loaded %d times for %d requests that arrived together; they should be loaded once", n, len(guests))
	}
	got := out.Lines()
	slices.Sort(got)
	var want []string
	for _, g := range guests {
		want = append(want, "Howdy, "+g+"!")
	}
	if !slices.Equal(got, want) {
		t.Errorf("the server answered %q, want %q", got, want)
	}
}
