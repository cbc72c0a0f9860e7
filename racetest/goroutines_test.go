package racetest

import (
	"errors"
	"io/fs"
	"os"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// rec is the package of the recorded dumps' code.
const rec = "github.com/racekit/racekit/racetest/testdata/record."

// recorded returns the goroutine dumps in testdata, which
// testdata/record writes, one per Go release. A student's kit has no
// testdata (grade embeds racetest's Go files only): the test is skipped
// there.
func recorded(t *testing.T) map[string]Goroutines {
	t.Helper()
	if _, err := os.Stat("testdata"); errors.Is(err, fs.ErrNotExist) {
		t.Skip("the recorded goroutine dumps are not in this copy of the kit")
	}
	dumps := make(map[string]Goroutines)
	for _, v := range []string{"go1.25", "go1.26", "go1.27"} {
		b, err := os.ReadFile("testdata/" + v + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		dumps[v] = ParseGoroutines(string(b))
	}
	return dumps
}

func TestRecordedDumps(t *testing.T) {
	tests := []struct {
		name string
		in   func(Goroutines) Goroutines // the goroutines to count among
		keep func(Goroutine) bool
		want int
	}{
		{"all", nil, func(Goroutine) bool { return true }, 18},
		{"running", nil, Goroutine.Running, 2},
		{"asleep", nil, Goroutine.Asleep, 1},
		{"in a bubble", nil, func(g Goroutine) bool { return g.Bubble != 0 }, 13},
		{"durable", nil, func(g Goroutine) bool { return g.Durable }, 10},
		{"waiting for a lock", nil, Goroutine.WaitsForLock, 2},
		{"calls run", nil, func(g Goroutine) bool { return g.Calls(rec + "run") }, 2},
		{"calls a method", nil, func(g Goroutine) bool { return g.Calls(rec + "(*Server).handle") }, 1},
		{"calls quote", nil, func(g Goroutine) bool { return g.Calls(rec + "quote") }, 0},
		{"in quote's code", nil, func(g Goroutine) bool { return g.InCodeOf(rec + "quote") }, 2},
		{"started by quote", nil, func(g Goroutine) bool { return g.StartedBy(rec + "quote") }, 2},
		{"started by TestRecord's code", nil, func(g Goroutine) bool { return g.StartedBy(rec + "TestRecord") }, 10},
		{"started by TestRecord itself", nil, func(g Goroutine) bool { return g.CreatedBy == rec+"TestRecord" }, 5},
		{"in my bubble", Goroutines.InMyBubble, func(Goroutine) bool { return true }, 6},
		{"blocked in my bubble", Goroutines.InMyBubble, Goroutine.Blocked, 5},
		{"durable in my bubble", Goroutines.InMyBubble, func(g Goroutine) bool { return g.Durable }, 5},
		{"started by quote in my bubble", Goroutines.InMyBubble, func(g Goroutine) bool { return g.StartedBy(rec + "quote") }, 2},
		{"running in my bubble", Goroutines.InMyBubble, Goroutine.Running, 0},
	}
	for version, gs := range recorded(t) {
		for _, tt := range tests {
			t.Run(version+"/"+tt.name, func(t *testing.T) {
				in := gs
				if tt.in != nil {
					in = tt.in(gs)
				}
				if got := in.Count(tt.keep); got != tt.want {
					t.Errorf("%d goroutines, want %d; the goroutines: %v", got, tt.want, in.Where(tt.keep).ids())
				}
			})
		}
	}
}

func TestRecordedStates(t *testing.T) {
	for version, gs := range recorded(t) {
		t.Run(version, func(t *testing.T) {
			self := gs[0]
			if self.State != "running" || self.Bubble == 0 || !self.Calls(rec+"stacks") {
				t.Errorf("the first goroutine is %+v, want the running one that took the dump, in a bubble", self)
			}
			states := make(map[string]int)
			for _, g := range gs.InMyBubble() {
				states[g.State]++
			}
			for _, s := range []string{"chan send", "sleep", "sync.Cond.Wait", "sync.WaitGroup.Wait", "select", "sync.Mutex.Lock"} {
				if states[s] != 1 {
					t.Errorf("%d goroutines in state %q in the bubble, want 1; states: %v", states[s], s, states)
				}
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
		want Goroutine
	}{
		{"goroutine 1 [chan receive]:", true, Goroutine{ID: 1, State: "chan receive"}},
		{"goroutine 18 [sync.Mutex.Lock, 2 minutes]:", true, Goroutine{ID: 18, State: "sync.Mutex.Lock"}},
		{"goroutine 3 [select, locked to thread]:", true, Goroutine{ID: 3, State: "select"}},
		{"goroutine 4 gp=0xc000007340 m=nil [running]:", true, Goroutine{ID: 4, State: "running"}},
		{"goroutine 5 gp=0xc000007340 m=3 mp=0xc000100008 [syscall, 3 minutes, locked to thread]:", true, Goroutine{ID: 5, State: "syscall"}},
		{"goroutine 24 [chan receive (durable), synctest bubble 1]:", true, Goroutine{ID: 24, State: "chan receive", Durable: true, Bubble: 1}},
		{"goroutine 26 [sleep (durable), 5 minutes, synctest bubble 12]:", true, Goroutine{ID: 26, State: "sleep", Durable: true, Bubble: 12}},
		{"goroutine 27 [chan receive (nil chan) (durable), synctest bubble 3]:", true, Goroutine{ID: 27, State: "chan receive (nil chan)", Durable: true, Bubble: 3}},
		{"goroutine 28 [sync.Mutex.Lock, synctest bubble 2]:", true, Goroutine{ID: 28, State: "sync.Mutex.Lock", Bubble: 2}},
		{"goroutine 29 [select (scan)]:", true, Goroutine{ID: 29, State: "select"}},
		{"goroutine 30 [chan send (leaked)]:", true, Goroutine{ID: 30, State: "chan send"}},
		// Go 1.26 with GODEBUG=tracebacklabels=1 writes labels inside
		// the bracket, Go 1.27 after it.
		{`goroutine 31 [select, synctest bubble 4 labels:{"job": "a]b"}]:`, true, Goroutine{ID: 31, State: "select", Bubble: 4}},
		{`goroutine 32 [chan receive, synctest bubble 5] {job: resize}:`, true, Goroutine{ID: 32, State: "chan receive", Bubble: 5}},
		{"main.main()", false, Goroutine{}},
		{"goroutine running on other thread; stack unavailable", false, Goroutine{}},
		{"goroutine x [running]:", false, Goroutine{}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := parseHeader(tt.line)
			if ok != tt.ok || got.ID != tt.want.ID || got.State != tt.want.State || got.Durable != tt.want.Durable || got.Bubble != tt.want.Bubble {
				t.Errorf("parseHeader(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestParseFrames(t *testing.T) {
	dump := `goroutine 7 [chan send]:
main.(*Cache).Get.func1()
	/x/main.go:40 +0x17c
main.Map[...](...)
	/x/main.go:9
...additional frames elided...
created by main.quote in goroutine 6
	/x/main.go:30 +0x2d

goroutine 1 [running]:
main.main()
	/x/main.go:50
`
	gs := ParseGoroutines(dump)
	if len(gs) != 2 {
		t.Fatalf("ParseGoroutines found %d goroutines, want 2: %+v", len(gs), gs)
	}
	g := gs[0]
	if len(g.Funcs) != 2 || g.Funcs[0] != "main.(*Cache).Get.func1" || g.Funcs[1] != "main.Map[...]" {
		t.Errorf("Funcs = %q, want main.(*Cache).Get.func1 and main.Map[...]", g.Funcs)
	}
	if g.CreatedBy != "main.quote" || gs[1].CreatedBy != "" {
		t.Errorf("CreatedBy = %q and %q, want main.quote and none", g.CreatedBy, gs[1].CreatedBy)
	}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"Calls(main.(*Cache).Get)", g.Calls("main.(*Cache).Get"), false},
		{"InCodeOf(main.(*Cache).Get)", g.InCodeOf("main.(*Cache).Get"), true},
		{"InCodeOf(main.(*Cache).G)", g.InCodeOf("main.(*Cache).G"), false},
		{"StartedBy(main.quote)", g.StartedBy("main.quote"), true},
		{"StartedBy(main.quo)", g.StartedBy("main.quo"), false},
		{"Calls(main.main)", gs[1].Calls("main.main"), true},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestSnapshotInMyBubble(t *testing.T) {
	if n := len(Snapshot().InMyBubble()); n != 0 {
		t.Errorf("outside a bubble, InMyBubble found %d goroutines, want none", n)
	}
	synctest.Test(t, func(t *testing.T) {
		block := make(chan struct{})
		for range 3 {
			go func() { <-block }()
		}
		synctest.Wait()
		mine := Snapshot().InMyBubble()
		if n := mine.Count(func(g Goroutine) bool {
			return g.Blocked() && g.Durable && g.StartedBy(FuncName(TestSnapshotInMyBubble))
		}); n != 3 {
			t.Errorf("InMyBubble found %d of the 3 blocked goroutines the test started: %+v", n, mine)
		}
		close(block)
		synctest.Wait()
		if n := len(Snapshot().InMyBubble()); n != 0 {
			t.Errorf("InMyBubble found %d goroutines after they all ended", n)
		}
	})
}

func TestFuncName(t *testing.T) {
	r := &recorder{}
	tests := []struct {
		fn   any
		want string
	}{
		{TestFuncName, "github.com/racekit/racekit/racetest.TestFuncName"},
		{(*Meter).Enter, "github.com/racekit/racekit/racetest.(*Meter).Enter"},
		{r.Error, "github.com/racekit/racekit/racetest.(*recorder).Error"},
		{Goroutine.Running, "github.com/racekit/racekit/racetest.Goroutine.Running"},
	}
	for _, tt := range tests {
		if got := FuncName(tt.fn); got != tt.want {
			t.Errorf("FuncName = %q, want %q", got, tt.want)
		}
	}
	// The name is the one the dumps show.
	block := make(chan struct{})
	defer close(block)
	go waitOn(block)
	waitFor(t, func() bool {
		return Snapshot().Count(func(g Goroutine) bool { return g.Calls(FuncName(waitOn)) && g.Blocked() }) == 1
	})
}

// waitOn waits until ch is closed.
func waitOn(ch chan struct{}) { <-ch }

func TestInBubble(t *testing.T) {
	ran := false
	InBubble(t, 0, func(t *testing.T) {
		time.Sleep(time.Hour) // fake time: at once
		ran = true
	})
	if !ran || Abandoned() {
		t.Errorf("InBubble ran f: %v, abandoned: %v; want true, false", ran, Abandoned())
	}
}

func TestRunAbandoning(t *testing.T) {
	var gaveUp atomicFlag
	r := &recorder{}
	runAbandoning(&gaveUp.Bool, r, time.Second, func() {})
	if gaveUp.Load() || len(r.errors) != 0 {
		t.Errorf("a function that returns: gave up %v, errors %q", gaveUp.Load(), r.errors)
	}
	block := make(chan struct{})
	defer close(block)
	runAbandoning(&gaveUp.Bool, r, 10*time.Millisecond, func() { <-block })
	if !gaveUp.Load() || !r.fatal {
		t.Errorf("a function that never returns: gave up %v, fatal %v; want both", gaveUp.Load(), r.fatal)
	}
	if want := "racekit: stuck: did not finish within 10ms"; len(r.errors) != 1 || r.errors[0] != want {
		t.Errorf("errors %q, want %q", r.errors, want)
	}
}

// ids returns the goroutines' numbers.
func (gs Goroutines) ids() []int {
	var ids []int
	for _, g := range gs {
		ids = append(ids, g.ID)
	}
	return ids
}

// atomicFlag holds the flag that runAbandoning sets.
type atomicFlag struct{ atomic.Bool }
