package checker

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// waitPhrases say what a goroutine in a state does, as a plural verb
// phrase.
var waitPhrases = map[string]string{
	"chan send":               "wait to send on a channel that no goroutine receives from",
	"chan send (nil chan)":    "wait to send on a nil channel, which blocks forever",
	"chan receive":            "wait to receive from a channel that no goroutine sends on or closes",
	"chan receive (nil chan)": "wait to receive from a nil channel, which blocks forever",
	"select":                  "wait in a select where no case can go on",
	"select (no cases)":       "block forever in an empty select",
	"sync.Mutex.Lock":         "wait in Mutex.Lock for a lock that is held and never released",
	"sync.RWMutex.Lock":       "wait in RWMutex.Lock for a lock that is held and never released",
	"sync.RWMutex.RLock":      "wait in RWMutex.RLock for a lock that is held and never released",
	"sync.WaitGroup.Wait":     "wait in WaitGroup.Wait for Done calls that never happen",
	"sync.Cond.Wait":          "wait in Cond.Wait for a Signal or Broadcast that never comes",
	"sleep":                   "sleep",
	"running":                 "keep running",
	"runnable":                "keep running",
}

// phraseFor returns the verb phrase for a goroutine state.
func phraseFor(state string) string {
	if p, ok := waitPhrases[state]; ok {
		return p
	}
	return "wait in " + state
}

// waits groups goroutines by state, place and whether they are the
// caller's, in the order first seen.
func (s classifier) waits(gs []Goroutine) []Wait {
	var out []Wait
	for _, g := range gs {
		f, _ := s.firstOwnFrame(g)
		w := Wait{State: g.State, Count: 1, Main: !s.startedByCode(g), File: f.File, Line: f.Line, Func: f.Func, Phrase: phraseFor(g.State)}
		found := false
		for i := range out {
			if out[i].State == w.State && out[i].File == w.File && out[i].Line == w.Line && out[i].Main == w.Main {
				out[i].Count++
				found = true
				break
			}
		}
		if !found {
			out = append(out, w)
		}
	}
	return out
}

// diagnoseStuck explains goroutines that wait forever (or spin). It
// returns the clause that describes them for the one-line message.
func (s classifier) diagnoseStuck(gs []Goroutine) (string, *Diagnosis) {
	ws := s.waits(gs)
	if len(ws) == 0 {
		return "no goroutine of the checked code is running", nil
	}
	d := &Diagnosis{Kind: "blocked", Waits: ws}
	clause := describe(ws)
	var main *Wait
	var others []Wait
	locks := 0
	for i, w := range ws {
		if w.Main && w.State == "sync.WaitGroup.Wait" && main == nil {
			main = &ws[i]
			continue
		}
		others = append(others, w)
		if strings.HasSuffix(w.State, "Mutex.Lock") || w.State == "sync.RWMutex.RLock" {
			locks += w.Count
		}
	}
	if main != nil {
		if len(others) == 0 {
			clause = fmt.Sprintf("main waits in WaitGroup.Wait (%s:%d), but no goroutine is left to call Done", baseName(main.File), main.Line)
		} else if count(others) == 1 {
			clause = fmt.Sprintf("main waits in WaitGroup.Wait (%s:%d), but the goroutine that should call Done is stuck: %s",
				baseName(main.File), main.Line, describe(others))
		} else {
			clause = fmt.Sprintf("main waits in WaitGroup.Wait (%s:%d), but the %s that should call Done are stuck: %s",
				baseName(main.File), main.Line, plural(count(others), "goroutine"), describe(others))
		}
	}
	relock := s.relock(gs)
	switch {
	case relock != "":
		d.Kind, d.Cause, d.Fix = "relock", relock, explanations["relock"].fix
		return clause, d
	case locks >= 2:
		d.Kind = "lock-order"
		if order, ok := s.lockOrder(gs); ok {
			d.Cause, d.Fix = lockOrderCause(order), explanations["lock-order"].fix
			return clause, d
		}
	case main != nil && len(others) == 0:
		d.Kind = "wait-group"
	default:
		d.Kind = stuckKind(others, main)
	}
	if e, ok := explanations[d.Kind]; ok {
		d.Cause, d.Fix = e.cause, e.fix
	}
	return clause, d
}

// stuckKind names what the first goroutine stuck on its own waits for.
func stuckKind(ws []Wait, main *Wait) string {
	for _, w := range ws {
		switch {
		case w.State == "running" || w.State == "runnable":
			return "spin"
		case strings.HasSuffix(w.State, "(nil chan)"):
			return "nil-channel"
		case w.State == "chan send":
			return "channel-send"
		case w.State == "chan receive":
			return "channel-receive"
		case strings.HasPrefix(w.State, "select"):
			return "select"
		case w.State == "sync.Cond.Wait":
			return "cond"
		case strings.Contains(w.State, "Mutex"):
			return "lock"
		}
	}
	if main != nil {
		return "wait-group"
	}
	return "blocked"
}

// relock finds a goroutine that waits to lock a mutex that an outer call
// on its own stack already locked, and says so; "" if there is none.
func (s classifier) relock(gs []Goroutine) string {
	for _, g := range gs {
		if !strings.HasSuffix(g.State, "Mutex.Lock") {
			continue
		}
		var own []Frame
		for _, f := range g.Frames {
			if s.owns(f) {
				own = append(own, f)
			}
		}
		if len(own) == 0 {
			continue
		}
		file := s.src.file(own[0].File)
		mutex := file.lockedOn(own[0].Line)
		if mutex == "" {
			continue
		}
		if at := file.lockedBefore(own[0].Line, mutex, true); at > 0 {
			return relockCause(own[0], mutex, at)
		}
		for _, outer := range own[1:] {
			of := s.src.file(outer.File)
			if at := of.lockedBefore(outer.Line, mutex, false); at > 0 {
				return relockInCallerCause(own[0], outer, mutex, at)
			}
		}
	}
	return ""
}

// lockedOn returns the mutex that a Lock call on line n locks, as written
// ("inv.mu" for inv.mu.Lock()), or "".
func (f *sourceFile) lockedOn(n int) string {
	recv := ""
	f.withParents(func(node ast.Node, _ []ast.Node) {
		if call, ok := node.(*ast.CallExpr); ok && recv == "" && f.lineOf(call.Pos()) == n {
			recv = mutexOf(call, "Lock")
		}
	})
	return recv
}

// lockedBefore returns the line of a Lock call on the same mutex, in the
// function around line n and before line n, that no Unlock released before
// line n (a deferred Unlock runs later); 0 if there is none. In the same
// function the mutex must be written the same way; in a caller, only its
// name after the receiver must match ("mu" of inv.mu), as the receiver may
// be named differently.
func (f *sourceFile) lockedBefore(n int, mutex string, sameFunc bool) int {
	for _, h := range f.heldAt(n) {
		if h.mutex == mutex || !sameFunc && afterFirstName(h.mutex) == afterFirstName(mutex) {
			return h.line
		}
	}
	return 0
}

// heldLock is a mutex locked at a line.
type heldLock struct {
	mutex string
	line  int
}

// heldAt returns the mutexes that the function around line n locked before
// line n and did not unlock before it (a deferred Unlock runs later), in
// the order they were locked.
func (f *sourceFile) heldAt(n int) []heldLock {
	if f == nil || f.ast == nil || n > len(f.lines) {
		return nil
	}
	fn := f.enclosingFunc(f.fset.File(f.ast.Pos()).LineStart(n))
	if fn == nil {
		return nil
	}
	var held []heldLock
	ast.Inspect(fn, func(node ast.Node) bool {
		switch x := node.(type) {
		case *ast.DeferStmt:
			return false
		case *ast.CallExpr:
			l := f.lineOf(x.Pos())
			if l >= n {
				return true
			}
			if m := mutexOf(x, "Lock"); m != "" {
				held = append(held, heldLock{m, l})
			} else if m := mutexOf(x, "Unlock"); m != "" {
				held = slices.DeleteFunc(held, func(h heldLock) bool { return h.mutex == m })
			}
		}
		return true
	})
	return held
}

// lockPair is the order in which one goroutine takes two locks: it holds
// held, locked at heldLine, and waits for waits at waitLine, both in file.
type lockPair struct {
	file     string
	held     string
	heldLine int
	waits    string
	waitLine int
}

// lockOrder finds a goroutine waiting in Lock while it holds another
// mutex, and returns the two; ok is false when the source does not tell.
func (s classifier) lockOrder(gs []Goroutine) (pair lockPair, ok bool) {
	for _, g := range gs {
		f, ok := s.firstOwnFrame(g)
		if !ok || !strings.HasSuffix(g.State, "Mutex.Lock") {
			continue
		}
		file := s.src.file(f.File)
		waits := file.lockedOn(f.Line)
		for _, h := range file.heldAt(f.Line) {
			if h.mutex != waits && waits != "" {
				return lockPair{file: f.File, held: h.mutex, heldLine: h.line, waits: waits, waitLine: f.Line}, true
			}
		}
	}
	return lockPair{}, false
}

// mutexOf returns the mutex of a x.mu.Lock() call (for method "Lock") as
// written, "x.mu"; "" for any other call.
func mutexOf(call *ast.CallExpr, method string) string {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != method {
		return ""
	}
	return types.ExprString(sel.X)
}

// afterFirstName drops a selector's first name: "inv.mu" gives "mu"; a
// plain name stays.
func afterFirstName(s string) string {
	if _, rest, ok := strings.Cut(s, "."); ok {
		return rest
	}
	return s
}
