package racetest

import (
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"strings"
)

// Goroutine is one goroutine of a goroutine dump, as runtime.Stack with all
// set writes it:
//
//	goroutine 24 [chan receive (durable), synctest bubble 1]:
//	main.worker(...)
//		/src/main.go:17
//	created by main.run.func2 in goroutine 23
//		/src/main.go:27 +0x72
//
// Tests read goroutines to wait until the code under test is blocked, or to
// count the goroutines it left behind, without timing luck.
type Goroutine struct {
	// ID is the goroutine's number.
	ID int
	// State is what the goroutine is doing: "running", "runnable",
	// "chan receive", "select", "sync.Mutex.Lock", "sleep", ... without
	// the notes the dump adds to it (how long it has waited, "(durable)",
	// its bubble, its labels).
	State string
	// Durable is set when a testing/synctest bubble counts the goroutine
	// as blocked: fake time may advance while it waits.
	Durable bool
	// Bubble is the number of the goroutine's testing/synctest bubble, or
	// 0 when it is in none.
	Bubble int
	// Funcs are the functions on the goroutine's stack, innermost first,
	// as the dump names them: "main.run", "main.(*Server).handle",
	// "main.quote.func1".
	Funcs []string
	// CreatedBy is the function whose go statement started the goroutine
	// ("main.quote", "testing.(*T).Run"), or "" for the main goroutine.
	CreatedBy string
}

// Running reports whether the goroutine is working or ready to: running on
// a CPU, waiting for one, or in a system call.
func (g Goroutine) Running() bool {
	switch g.State {
	case "running", "runnable", "syscall", "preempted", "copystack":
		return true
	}
	return false
}

// Asleep reports whether the goroutine is in time.Sleep: it goes on by
// itself once its time is up.
func (g Goroutine) Asleep() bool {
	return g.State == "sleep"
}

// Blocked reports whether the goroutine waits for another goroutine: on a
// channel, a select, a sync.Mutex, a sync.Cond, a sync.WaitGroup, ...
// A running or sleeping goroutine is not blocked.
func (g Goroutine) Blocked() bool {
	return !g.Running() && !g.Asleep()
}

// WaitsForLock reports whether the goroutine waits to lock a sync.Mutex or
// sync.RWMutex. A testing/synctest bubble never counts such a goroutine as
// blocked.
func (g Goroutine) WaitsForLock() bool {
	switch g.State {
	case "sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock":
		return true
	}
	return false
}

// Calls reports whether fn itself is on the goroutine's stack. fn is a
// function as the dump names it: "main.run", "main.(*Server).handle".
// Function literals inside fn do not count; see InCodeOf.
func (g Goroutine) Calls(fn string) bool {
	for _, f := range g.Funcs {
		if f == fn {
			return true
		}
	}
	return false
}

// InCodeOf reports whether the goroutine is running the code of fn: fn
// itself, or a function literal written inside fn ("main.quote.func1"), is
// on its stack.
func (g Goroutine) InCodeOf(fn string) bool {
	for _, f := range g.Funcs {
		if inCodeOf(f, fn) {
			return true
		}
	}
	return false
}

// StartedBy reports whether the goroutine was started by a go statement in
// fn or in a function literal written inside fn.
func (g Goroutine) StartedBy(fn string) bool {
	return inCodeOf(g.CreatedBy, fn)
}

// inCodeOf reports whether the function named f is fn or a function literal
// (or a wrapper the compiler made for a go or defer statement) inside fn.
func inCodeOf(f, fn string) bool {
	rest, ok := strings.CutPrefix(f, fn)
	if !ok {
		return false
	}
	return rest == "" || strings.HasPrefix(rest, ".func") || strings.HasPrefix(rest, ".gowrap") || strings.HasPrefix(rest, ".deferwrap")
}

// FuncName returns the name under which goroutine dumps show fn, a
// function or a method expression of the code under test, for Calls,
// InCodeOf and StartedBy:
//
//	racetest.FuncName(run)                // ".../exercises/10_done_channel.run"
//	racetest.FuncName((*Server).handle)   // ".../exercises/16_lazy_init.(*Server).handle"
//
// The name holds the package's import path, which differs from one build
// of the kit to another, so tests ask for it rather than spell it out.
func FuncName(fn any) string {
	v := reflect.ValueOf(fn)
	if v.Kind() != reflect.Func || v.IsNil() {
		panic(fmt.Sprintf("racetest.FuncName: %T is not a function", fn))
	}
	name := runtime.FuncForPC(v.Pointer()).Name()
	return strings.TrimSuffix(name, "-fm") // a method value
}

// Goroutines is a snapshot of goroutines, in the order of the dump it was
// read from: the goroutine that took the snapshot comes first.
type Goroutines []Goroutine

// Snapshot returns every goroutine alive now, the calling one first. It
// reads every goroutine's stack, so poll it (with a short sleep between
// calls), not spin on it.
func Snapshot() Goroutines {
	return ParseGoroutines(allStacks())
}

// ParseGoroutines reads a goroutine dump, as runtime.Stack with all set or
// a crashing program writes it. It leaves out what is not a goroutine.
func ParseGoroutines(dump string) Goroutines {
	var gs Goroutines
	for block := range strings.SplitSeq(dump, "\n\n") {
		block = strings.TrimLeft(block, "\n")
		header, body, _ := strings.Cut(block, "\n")
		g, ok := parseHeader(header)
		if !ok {
			continue
		}
		for line := range strings.SplitSeq(body, "\n") {
			if line == "" || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "...") {
				continue
			}
			if creator, ok := strings.CutPrefix(line, "created by "); ok {
				creator, _, _ = strings.Cut(creator, " in goroutine ")
				g.CreatedBy = creator
				continue
			}
			if i := strings.LastIndex(line, "("); i > 0 {
				g.Funcs = append(g.Funcs, line[:i])
			}
		}
		gs = append(gs, g)
	}
	return gs
}

// parseHeader reads the first line of one goroutine in a dump:
//
//	goroutine 18 [sync.Mutex.Lock, 2 minutes]:
//	goroutine 24 [chan receive (durable), synctest bubble 1]:
//	goroutine 4 gp=0xc000007340 m=nil [running]:
//
// Go 1.26 may end the bracket with " labels:{...}", Go 1.27 may follow it
// with " {...}"; both are left out.
func parseHeader(line string) (Goroutine, bool) {
	var g Goroutine
	rest, ok := strings.CutPrefix(line, "goroutine ")
	if !ok {
		return g, false
	}
	id, rest, ok := strings.Cut(rest, " [")
	if !ok {
		return g, false
	}
	id, _, _ = strings.Cut(id, " ") // GOTRACEBACK=system adds "gp=... m=..."
	n, err := strconv.Atoi(id)
	if err != nil {
		return g, false
	}
	g.ID = n
	status, _, ok := strings.Cut(rest, "]")
	if !ok {
		return g, false
	}
	status, _, _ = strings.Cut(status, " labels:{")
	parts := strings.Split(status, ", ")
	g.State = parts[0]
	for {
		if s, ok := strings.CutSuffix(g.State, " (durable)"); ok {
			g.State, g.Durable = s, true
		} else if s, ok := strings.CutSuffix(g.State, " (scan)"); ok {
			g.State = s
		} else if s, ok := strings.CutSuffix(g.State, " (leaked)"); ok {
			g.State = s
		} else {
			break
		}
	}
	for _, p := range parts[1:] {
		if b, ok := strings.CutPrefix(p, "synctest bubble "); ok {
			g.Bubble, _ = strconv.Atoi(b)
		}
	}
	return g, true
}

// Where returns the goroutines for which keep reports true.
func (gs Goroutines) Where(keep func(Goroutine) bool) Goroutines {
	var out Goroutines
	for _, g := range gs {
		if keep(g) {
			out = append(out, g)
		}
	}
	return out
}

// Count returns how many goroutines keep reports true for.
func (gs Goroutines) Count(keep func(Goroutine) bool) int {
	return len(gs.Where(keep))
}

// InMyBubble returns the goroutines that share the testing/synctest bubble
// of the goroutine that took the snapshot (the first), other than that
// goroutine itself and those that testing and testing/synctest run the
// bubble with: the goroutines that the code under test (and the test) have
// started in the bubble and that are still alive. It returns none when the
// snapshot was taken outside a bubble.
func (gs Goroutines) InMyBubble() Goroutines {
	if len(gs) == 0 || gs[0].Bubble == 0 {
		return nil
	}
	bubble := gs[0].Bubble
	return gs[1:].Where(func(g Goroutine) bool {
		return g.Bubble == bubble && !g.bubbleMachinery()
	})
}

// bubbleMachinery reports whether g is one of the goroutines that testing
// and testing/synctest run a bubble with: the goroutine that waits in
// synctest.Test, and the ones synctest.Test starts to run the test.
func (g Goroutine) bubbleMachinery() bool {
	if strings.HasPrefix(g.CreatedBy, "testing/synctest.") || strings.HasPrefix(g.CreatedBy, "testing.") {
		return true
	}
	return len(g.Funcs) > 0 && strings.HasPrefix(g.Funcs[0], "internal/synctest.")
}
