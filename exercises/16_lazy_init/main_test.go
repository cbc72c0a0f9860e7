package main

import (
	"slices"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// The loaders in these tests do not sleep in fake time: a goroutine waiting
// for a sync.Once (or a sync.Mutex) is not durably blocked, so a synctest
// bubble would never advance its clock while the first load sleeps.

func TestSettingsLoadedOnce(t *testing.T) {
	var loads atomic.Int32
	gate := make(chan struct{})
	s := newServer(func() *Config {
		loads.Add(1)
		<-gate // the disk is slow: the test decides when the read ends
		return &Config{Greeting: "Hello"}
	})
	out := &racetest.Output{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		serve(out, s, visitors)
	}()
	// Keep the first load going until every request has had the time to
	// ask for the settings, then let it finish. A request that found no
	// settings meanwhile has started a load of its own.
	for start := time.Now(); loads.Load() < int32(len(visitors)) && time.Since(start) < 200*time.Millisecond; {
		time.Sleep(time.Millisecond)
	}
	close(gate)
	racetest.Within(t, 2*time.Second, func() { <-done })
	if n := loads.Load(); n != 1 {
		t.Errorf("the settings were loaded %d times for %d requests; they should be loaded once", n, len(visitors))
	}
	got := out.Lines()
	slices.Sort(got)
	want := []string{"Hello, Ann!", "Hello, Bob!", "Hello, Cleo!", "Hello, Dev!", "Hello, Eve!"}
	if !slices.Equal(got, want) {
		t.Errorf("the server answered %q, want %q", got, want)
	}
}

func TestRequestsHandledAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := newServer(func() *Config { return &Config{Greeting: "Hi"} })
		start := time.Now()
		// Every request asks for the settings as it starts, together.
		serve(&racetest.Output{}, s, visitors)
		// Rendering a page takes 10ms of fake time; one request after
		// another, the five would take 50ms.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("answering %d requests took %v of fake time: the requests were handled one after another, not at once", len(visitors), elapsed)
		}
	})
}
