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
	"sync.Mutex.Lock":         "wait in Mutex.Lock for a lock that was not unlocked",
	"sync.RWMutex.Lock":       "wait in RWMutex.Lock for a lock that was not unlocked",
	"sync.RWMutex.RLock":      "wait in RWMutex.RLock for a lock that was not unlocked",
	"sync.WaitGroup.Wait":     "wait in WaitGroup.Wait for Done calls that never happen",
	"sync.Cond.Wait":          "wait in Cond.Wait for a Signal or Broadcast that never comes",
	"sleep":                   "sleep",
	"running":                 "keep running",
	"runnable":                "keep running",
}

// pendingPhrases say what a goroutine in a state does when what it waits
// for is held up behind a lock rather than gone for good.
var pendingPhrases = map[string]string{
	"chan send":           "wait to send on a channel",
	"chan receive":        "wait to receive from a channel",
	"select":              "wait in a select",
	"sync.WaitGroup.Wait": "wait in WaitGroup.Wait for goroutines that are not done yet",
	"sync.Cond.Wait":      "wait in Cond.Wait",
}

// phraseFor returns the verb phrase for a goroutine state.
func phraseFor(state string) string {
	if p, ok := waitPhrases[state]; ok {
		return p
	}
	return "wait in " + state
}

// waits groups goroutines by state, place and whether they are the
// student's, in the order first seen. A goroutine of the test that only
// waits for a synctest bubble to end is left out: it is never the story.
func (s classifier) waits(gs []Goroutine) []Wait {
	var out []Wait
	for _, g := range gs {
		f, _ := s.placeOf(g)
		if strings.HasPrefix(g.State, "synctest.Run") && !s.student(f) {
			continue
		}
		w := Wait{State: g.State, Count: 1, Main: !s.startedByCode(g), File: f.File, Line: f.Line, Func: f.Func, Phrase: s.phraseOf(g, gs)}
		if at := s.src.file(f.File).deferredWait(f.Line, g.State); at > 0 {
			// A deferred call runs at the function's closing brace: show
			// the defer statement, and say so.
			w.Line = at
			w.Phrase = strings.Replace(w.Phrase, "wait in ", "wait in a deferred ", 1)
		}
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
		if isLockWait(w.State) {
			locks += w.Count
		}
	}
	if main != nil {
		who, wg := main.who(), "WaitGroup.Wait"
		if strings.Contains(main.Phrase, "deferred") {
			wg = "a deferred WaitGroup.Wait"
		}
		if len(others) == 0 {
			clause = fmt.Sprintf("%s waits in %s (%s:%d), but no goroutine is left to call Done", who, wg, baseName(main.File), main.Line)
		} else if count(others) == 1 {
			clause = fmt.Sprintf("%s waits in %s (%s:%d), but the goroutine that should call Done is stuck: %s",
				who, wg, baseName(main.File), main.Line, describe(others))
		} else {
			clause = fmt.Sprintf("%s waits in %s (%s:%d), but the %s that should call Done are stuck: %s",
				who, wg, baseName(main.File), main.Line, plural(count(others), "goroutine"), describe(others))
		}
	}
	relock := s.relock(gs)
	switch {
	case relock != "":
		d.Kind, d.Cause, d.Fix = "relock", relock, explanations["relock"].fix
		return clause, d
	case locks >= 2:
		if order, ok := s.lockOrder(gs); ok {
			d.Kind, d.Cause, d.Fix = "lock-order", lockOrderCause(order), explanations["lock-order"].fix
			return clause, d
		}
	}
	if locks > 0 {
		if h, ok := s.lockHeld(gs); ok {
			d.Kind = "lock-held"
			d.Cause, d.Fix = lockHeldCause(h), lockHeldFix(h)
			// The other goroutines wait, directly or not, for the lock to
			// be released: what they wait for has not come yet, which is
			// not to say that it never will.
			for i, w := range d.Waits {
				if p, ok := pendingPhrases[w.State]; ok && w.Phrase == phraseFor(w.State) {
					d.Waits[i].Phrase = p
				}
			}
			return lockHeldClause(h), d
		}
	}
	switch {
	case main != nil && len(others) == 0:
		d.Kind = "wait-group"
	default:
		d.Kind = stuckKind(others, main)
	}
	if e, ok := explanations[d.Kind]; ok {
		d.Cause, d.Fix = e.cause, e.fix
	}
	if d.Kind == "lock" {
		if at := s.unlockedReturn(gs); at != "" {
			d.Cause = at
		}
	}
	return clause, d
}

// isLockWait reports whether a goroutine state is a wait to lock a mutex.
func isLockWait(state string) bool {
	return strings.HasSuffix(state, "Mutex.Lock") || state == "sync.RWMutex.RLock"
}

// heldLockOf is a mutex that a goroutine holds: a Lock call in a function
// on its stack that no Unlock released before the line the call is at.
type heldLockOf struct {
	g Goroutine
	// in is the frame of the function that locked it.
	in    Frame
	mutex string
	line  int
}

// holds returns the mutexes that g holds in the checked module's code,
// from its innermost call out.
func (s classifier) holds(g Goroutine) []heldLockOf {
	var out []heldLockOf
	for _, f := range g.Frames {
		if !s.owns(f) {
			continue
		}
		for _, h := range s.src.file(f.File).heldAt(f.Line) {
			out = append(out, heldLockOf{g: g, in: f, mutex: h.mutex, line: h.line})
		}
	}
	return out
}

// waitedMutex returns the mutex that a goroutine waiting in Lock or RLock
// waits for, as written at its place ("c.mu"), or "".
func (s classifier) waitedMutex(g Goroutine) string {
	if !isLockWait(g.State) {
		return ""
	}
	f, ok := s.placeOf(g)
	if !ok {
		return ""
	}
	file := s.src.file(f.File)
	if m := file.lockedOn(f.Line); m != "" {
		return m
	}
	m := ""
	file.withParents(func(node ast.Node, _ []ast.Node) {
		if call, ok := node.(*ast.CallExpr); ok && m == "" && file.lineOf(call.Pos()) == f.Line {
			m = mutexOf(call, "RLock")
		}
	})
	return m
}

// sameMutex reports whether two mutexes, as written in possibly different
// functions, may be the same: the same expression, or the same name after
// the receiver ("c.mu" and "cache.mu").
func sameMutex(a, b string) bool {
	return a != "" && b != "" && (a == b || afterFirstName(a) == afterFirstName(b))
}

// holderOf finds the goroutine, other than g, that holds the mutex m.
func (s classifier) holderOf(g Goroutine, m string, gs []Goroutine) (heldLockOf, bool) {
	for _, exact := range []bool{true, false} {
		for _, h := range gs {
			if h.ID == g.ID {
				continue
			}
			for _, l := range s.holds(h) {
				if l.mutex == m || !exact && sameMutex(l.mutex, m) {
					return l, true
				}
			}
		}
	}
	return heldLockOf{}, false
}

// phraseOf says what g does, as a plural verb phrase; for a goroutine
// waiting for a lock, which lock and who holds it.
func (s classifier) phraseOf(g Goroutine, gs []Goroutine) string {
	p := phraseFor(g.State)
	m := s.waitedMutex(g)
	if m == "" {
		for _, l := range s.holds(g) {
			if s.awaited(l, gs) {
				return fmt.Sprintf("%s while holding %s, locked at %s:%d", s.activity(g), l.mutex, baseName(l.in.File), l.line)
			}
		}
		return p
	}
	wait := "wait in " + strings.TrimPrefix(g.State, "sync.") + " for " + m
	place, _ := s.placeOf(g)
	own := s.holds(g)
	for _, l := range own {
		// In the function that waits, the same mutex is written the same
		// way; a caller may name its receiver differently.
		if l.mutex == m || l.in != place && sameMutex(l.mutex, m) {
			return fmt.Sprintf("%s, which the same goroutine already holds, locked at %s:%d", wait, baseName(l.in.File), l.line)
		}
	}
	for _, l := range own {
		return fmt.Sprintf("%s while holding %s, locked at %s:%d", wait, l.mutex, baseName(l.in.File), l.line)
	}
	if h, ok := s.holderOf(g, m, gs); ok {
		return fmt.Sprintf("%s, held by %s as it %s", wait, shortFunc(h.in.Func), s.doing(h))
	}
	return wait + ", which was locked and never unlocked"
}

// activity says what g does, in short, as a plural verb phrase: "sleep",
// "wait to receive from a channel", "wait in Mutex.Lock for c.mu".
func (s classifier) activity(g Goroutine) string {
	switch st := g.State; {
	case st == "sleep":
		return "sleep"
	case g.Running():
		return "keep running"
	case s.waitsOnTimer(g):
		return "wait for a timer"
	case st == "chan receive":
		return "wait to receive from a channel"
	case st == "chan send":
		return "wait to send on a channel"
	case strings.HasPrefix(st, "select"):
		return "wait in a select"
	case isLockWait(st):
		if m := s.waitedMutex(g); m != "" {
			return "wait in " + strings.TrimPrefix(st, "sync.") + " for " + m
		}
	}
	return "wait in " + strings.TrimPrefix(g.State, "sync.")
}

// singular turns a plural verb phrase into one of "it": "wait in a select"
// gives "waits in a select".
func singular(phrase string) string {
	first, rest, _ := strings.Cut(phrase, " ")
	if first == "were" {
		first = "was"
	} else {
		first += "s"
	}
	if rest != "" {
		return first + " " + rest
	}
	return first
}

// doing says what the goroutine holding a lock does and where, as a verb
// phrase of "it": "sleeps in load at main.go:18".
func (s classifier) doing(h heldLockOf) string {
	verb := singular(s.activity(h.g))
	at, _ := s.placeOf(h.g)
	if inner, ok := s.firstOwnFrame(h.g); ok && inner != at {
		// It waits in a function of the test that the student's code
		// called: name the call.
		if name, _ := s.src.file(at.File).calleeOn(at.Line); name != "" {
			return fmt.Sprintf("%s in %s at %s:%d", verb, name, baseName(at.File), at.Line)
		}
	}
	if at.Func != h.in.Func {
		return fmt.Sprintf("%s in %s at %s:%d", verb, shortFunc(at.Func), baseName(at.File), at.Line)
	}
	return fmt.Sprintf("%s at %s:%d", verb, baseName(at.File), at.Line)
}

// awaited reports whether another goroutine of gs waits for the lock l.
func (s classifier) awaited(l heldLockOf, gs []Goroutine) bool {
	for _, w := range gs {
		if w.ID != l.g.ID && sameMutex(s.waitedMutex(w), l.mutex) {
			return true
		}
	}
	return false
}

// lockHolding is a lock that one goroutine holds while it does something
// else, and the goroutines that wait for it.
type lockHolding struct {
	held    heldLockOf
	doing   string
	waiters []Wait
	// working is set when the holder runs or waits for time to pass: the
	// code is slow, not stuck.
	working bool
}

// lockHeld finds a goroutine that holds a lock others wait for while it
// does not itself wait for a lock: it sleeps, works or waits for something
// else. ok is false when there is none.
func (s classifier) lockHeld(gs []Goroutine) (lockHolding, bool) {
	for _, g := range gs {
		m := s.waitedMutex(g)
		if m == "" {
			continue
		}
		h, ok := s.holderOf(g, m, gs)
		if !ok || isLockWait(h.g.State) {
			continue
		}
		lh := lockHolding{held: h, doing: s.doing(h), working: h.g.Running() || s.waitsOnTimer(h.g)}
		var waiting []Goroutine
		for _, w := range gs {
			if wm := s.waitedMutex(w); wm != "" && w.ID != h.g.ID && sameMutex(wm, h.mutex) {
				waiting = append(waiting, w)
			}
		}
		lh.waiters = s.waits(waiting)
		return lh, true
	}
	return lockHolding{}, false
}

// lockHeldVerdict classifies code stuck behind a lock that its holder
// keeps while it does something else: a timeout when the holder is still
// working (so the code is only slow, one goroutine at a time), a deadlock
// when it waits for something that cannot come.
func (s classifier) lockHeldVerdict(why, clause string, gs []Goroutine, d *Diagnosis) classification {
	v := Deadlock
	if h, ok := s.lockHeld(gs); ok && h.working {
		v = Timeout
	}
	return classification{verdict: v, message: why + ": " + clause, goroutines: gs, diagnosis: d}
}

// unlockedReturn finds a return statement that leaves a function with a
// mutex locked that a stuck goroutine waits for, and says so; "" if there
// is none.
func (s classifier) unlockedReturn(gs []Goroutine) string {
	for _, g := range gs {
		m := s.waitedMutex(g)
		if m == "" {
			continue
		}
		f, _ := s.placeOf(g)
		file := s.src.file(f.File)
		if file == nil || file.ast == nil {
			continue
		}
		cause := ""
		ast.Inspect(file.ast, func(n ast.Node) bool {
			ret, ok := n.(*ast.ReturnStmt)
			if !ok || cause != "" {
				return cause == ""
			}
			line := file.lineOf(ret.Pos())
			for _, h := range file.heldAt(line) {
				if sameMutex(h.mutex, m) && !file.unlocksDeferred(line, h.mutex) {
					fn := file.enclosingFunc(ret.Pos())
					cause = unlockedReturnCause(funcNameOf(fn), h.mutex, baseName(f.File), line, h.line)
				}
			}
			return true
		})
		if cause != "" {
			return cause
		}
	}
	return ""
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

// unlocksDeferred reports whether the function around line n defers an
// Unlock of mutex before line n.
func (f *sourceFile) unlocksDeferred(n int, mutex string) bool {
	fn := f.enclosingFunc(f.fset.File(f.ast.Pos()).LineStart(n))
	if fn == nil {
		return false
	}
	found := false
	ast.Inspect(fn, func(node ast.Node) bool {
		if d, ok := node.(*ast.DeferStmt); ok && f.lineOf(d.Pos()) < n && mutexOf(d.Call, "Unlock") == mutex {
			found = true
		}
		return !found
	})
	return found
}

// funcNameOf names a function declaration as the student wrote it,
// "Box.Take" for a method; a function literal is "a function literal".
func funcNameOf(fn ast.Node) string {
	d, ok := fn.(*ast.FuncDecl)
	if !ok {
		return "a function literal"
	}
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	recv := d.Recv.List[0].Type
	if star, ok := recv.(*ast.StarExpr); ok {
		recv = star.X
	}
	if ix, ok := recv.(*ast.IndexExpr); ok {
		recv = ix.X
	}
	return types.ExprString(recv) + "." + d.Name.Name
}

// deferredWait returns the line of the defer statement whose call a
// goroutine in state waits in, when line n is the closing brace of the
// function that deferred it; 0 otherwise.
func (f *sourceFile) deferredWait(n int, state string) int {
	if strings.TrimSpace(f.line(n)) != "}" {
		return 0
	}
	body := f.funcEndingOn(n)
	if body == nil {
		return 0
	}
	method := state[strings.LastIndex(state, ".")+1:]
	for _, d := range defersIn(body) {
		if sel, ok := d.Call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == method {
			return f.lineOf(d.Pos())
		}
	}
	return 0
}
