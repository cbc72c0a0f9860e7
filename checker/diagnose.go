package checker

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"
)

// Diagnosis explains a failing test as data, so that every report format
// can print it without reading the raw output again.
type Diagnosis struct {
	// Kind names the pattern found. Races: "increment", "map", "append",
	// "loop-variable", "captured-variable", "named-result", "field",
	// "global", "shared". Stuck code: "relock", "lock-order",
	// "wait-group", "channel-send", "channel-receive", "nil-channel",
	// "select", "cond", "lock", "spin", "blocked". Also "leak", "exit",
	// "panic".
	Kind string `json:"kind"`
	// Variable is the racing variable as written in the code, if known.
	Variable string `json:"variable,omitempty"`
	// Cause says in one sentence why the code fails.
	Cause string `json:"cause,omitempty"`
	// Fix names the kind of fix that fits.
	Fix string `json:"fix,omitempty"`
	// Waits sum up the stuck or leaked goroutines by what they do and
	// where.
	Waits []Wait `json:"waits,omitempty"`
}

// Wait is a group of goroutines in the same state at the same place.
type Wait struct {
	State string `json:"state"`
	Count int    `json:"count"`
	// Main is set for the goroutine that called the code under test
	// rather than one the code started.
	Main   bool   `json:"main,omitempty"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
	Func   string `json:"func"`
	// Code is the source line, as written.
	Code string `json:"code,omitempty"`
	// Phrase says what they do, as a plural verb phrase: "wait to send
	// on a channel that no goroutine receives from".
	Phrase string `json:"phrase"`
}

// String says what the goroutines do: "2 goroutines wait to send on a
// channel that no goroutine receives from (main.go:14)".
func (w Wait) String() string {
	verb := w.Phrase
	who := fmt.Sprintf("%d goroutines", w.Count)
	if w.Count == 1 {
		who = "1 goroutine"
		if w.Main {
			who = "main"
		}
		first, rest, _ := strings.Cut(verb, " ")
		if first == "were" {
			verb = "was"
		} else {
			verb = first + "s"
		}
		if rest != "" {
			verb += " " + rest
		}
	}
	return fmt.Sprintf("%s %s (%s:%d)", who, verb, baseName(w.File), w.Line)
}

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

// startedByCode reports whether the checked code's own go statement
// started g.
func (s classifier) startedByCode(g Goroutine) bool {
	return g.CreatedBy != nil && s.owns(*g.CreatedBy)
}

// describe joins waits into one clause.
func describe(ws []Wait) string {
	var parts []string
	for _, w := range ws {
		parts = append(parts, w.String())
	}
	return strings.Join(parts, "; ")
}

// count adds up the goroutines of waits.
func count(ws []Wait) int {
	n := 0
	for _, w := range ws {
		n += w.Count
	}
	return n
}

// wereOrWas agrees "were" with a count.
func wereOrWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// plural returns "1 goroutine" or "n goroutines".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// stuckCauses are the cause and fix of each kind of stuck code.
var stuckCauses = map[string][2]string{
	"lock-order": {"goroutines each hold one lock and wait for another's: they take the same locks in different orders",
		"take the locks in one fixed order everywhere (for example by ID), or hold one lock at a time"},
	"wait-group": {"WaitGroup.Wait returns once Done has been called for every Add, and fewer Done calls reached this WaitGroup (was it passed by value, so that Done went to a copy?)",
		"call Add before each go statement, defer Done at the top of the goroutine, and pass the WaitGroup by pointer"},
	"channel-send": {"a send on an unbuffered channel waits until another goroutine receives the value, and no goroutine is left to receive it",
		"receive every value that is sent, buffer the channel for the sends no one may read, or let the sender give up with a select on a done channel or ctx.Done()"},
	"channel-receive": {"a receive, or a range over a channel, waits until a value comes or the channel is closed, and no goroutine is left to do either",
		"close the channel once the last sender is done: a sync.WaitGroup for the senders, then close(ch), often in a goroutine of its own"},
	"nil-channel": {"a send to or a receive from a nil channel blocks forever",
		"make the channel before use; in a select, set a channel to nil only to turn its case off"},
	"select": {"no case of the select can ever go on",
		"give the select a case that ends the wait: a done channel or ctx.Done()"},
	"cond": {"Cond.Wait sleeps until a Signal or Broadcast that comes after it started waiting; the wake-up came before, or went to another waiter",
		"call Wait in a for loop that re-checks the condition, and Broadcast when every waiter must see the change"},
	"lock": {"a goroutine waits for a mutex that is never unlocked: some path returns without Unlock",
		"defer mu.Unlock() right after mu.Lock()"},
	"spin": {"a goroutine keeps running and never finishes: a loop that waits for something no other goroutine changes, or that never ends",
		"wait with a channel, a sync.WaitGroup or a sync.Cond instead of a loop"},
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
		d.Kind, d.Cause = "relock", relock
		d.Fix = "lock once, in the outer function, and let the inner one expect the lock held (an unexported helper named ...Locked), or unlock before the call"
		return clause, d
	case locks >= 2:
		d.Kind = "lock-order"
		if order := s.lockOrder(gs); order != "" {
			d.Cause = "goroutines each hold one lock and wait for another's: " + order
			d.Fix = stuckCauses["lock-order"][1]
			return clause, d
		}
	case main != nil && len(others) == 0:
		d.Kind = "wait-group"
	default:
		d.Kind = stuckKind(others, main)
	}
	if c, ok := stuckCauses[d.Kind]; ok {
		d.Cause, d.Fix = c[0], c[1]
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
			return fmt.Sprintf("%s locks %s (%s:%d) while it already holds it (locked at %s:%d): a sync.Mutex is not reentrant, so the goroutine waits for itself",
				shortFunc(own[0].Func), mutex, baseName(own[0].File), own[0].Line, baseName(own[0].File), at)
		}
		for _, outer := range own[1:] {
			of := s.src.file(outer.File)
			if at := of.lockedBefore(outer.Line, mutex, false); at > 0 {
				return fmt.Sprintf("%s locks %s (%s:%d) while its caller %s already holds it (locked at %s:%d): a sync.Mutex is not reentrant, so the goroutine waits for itself",
					shortFunc(own[0].Func), mutex, baseName(own[0].File), own[0].Line, shortFunc(outer.Func), baseName(outer.File), at)
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

// lockOrder says, for a goroutine waiting in Lock, which lock it holds and
// which it waits for: "they lock first.mu (main.go:45), then wait for
// second.mu (main.go:48)"; "" when the source does not tell.
func (s classifier) lockOrder(gs []Goroutine) string {
	for _, g := range gs {
		f, ok := s.firstOwnFrame(g)
		if !ok || !strings.HasSuffix(g.State, "Mutex.Lock") {
			continue
		}
		file := s.src.file(f.File)
		waits := file.lockedOn(f.Line)
		for _, h := range file.heldAt(f.Line) {
			if h.mutex != waits && waits != "" {
				return fmt.Sprintf("they lock %s (%s:%d), then wait for %s (%s:%d), and the same two mutexes come in opposite orders",
					h.mutex, baseName(f.File), h.line, waits, baseName(f.File), f.Line)
			}
		}
	}
	return ""
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

// shortFunc names a function as the student wrote it:
// "example.com/m.(*Inventory).Reserve" becomes "Inventory.Reserve", and
// "example.com/m.run.func1" "a function literal in run".
func shortFunc(fn string) string {
	fn = fn[strings.LastIndex(fn, "/")+1:]
	if _, rest, ok := strings.Cut(fn, "."); ok {
		fn = rest
	}
	fn = strings.NewReplacer("(*", "", ")", "").Replace(fn)
	if i := strings.Index(fn, ".func"); i > 0 {
		return "a function literal in " + fn[:i]
	}
	return fn
}

// diagnoseLeak explains goroutines left behind after a test.
func (s classifier) diagnoseLeak(gs []Goroutine) *Diagnosis {
	ws := s.waits(gs)
	if len(ws) == 0 {
		return nil
	}
	d := &Diagnosis{Kind: "leak", Waits: ws,
		Cause: fmt.Sprintf("%s never returned after the test ended: %s", plural(count(ws), "goroutine"), describe(ws)),
		Fix:   "make sure every goroutine you start can return: stop it with a done channel or ctx.Done() in a select beside each send and receive",
	}
	if ws[0].State == "chan send" {
		d.Fix = "give the sender a way to finish when no one reads: a channel buffered for its one result, or a select on ctx.Done() or a done channel"
	}
	return d
}

// exitPhrases say what a goroutine in a state was still doing when the
// code under test returned, as a plural verb phrase.
var exitPhrases = map[string]string{
	"running": "were still running", "runnable": "were still running", "sleep": "were still sleeping",
}

// diagnoseExit explains goroutines still working when the code under test
// returned: only those the code started count.
func (s classifier) diagnoseExit(gs []Goroutine) *Diagnosis {
	d := &Diagnosis{Kind: "exit",
		Cause: "the code under test returned before the goroutines it started had finished",
		Fix:   "wait for them before returning: wg.Add(1) before each go statement, defer wg.Done() in the goroutine, wg.Wait() before return (or wait on a done channel)",
	}
	var workers []Goroutine
	var started []string
	for _, g := range gs {
		if !s.startedByCode(g) {
			continue
		}
		workers = append(workers, g)
		at := fmt.Sprintf("%s:%d", baseName(g.CreatedBy.File), g.CreatedBy.Line)
		if !slices.Contains(started, at) {
			started = append(started, at)
		}
	}
	if len(workers) == 0 {
		return d
	}
	d.Waits = s.waits(workers)
	for i, w := range d.Waits {
		if p, ok := exitPhrases[w.State]; ok {
			d.Waits[i].Phrase = p
		} else {
			d.Waits[i].Phrase = "were still waiting in " + w.State
		}
	}
	d.Cause = fmt.Sprintf("%s started at %s %s still working when the code under test returned",
		plural(len(workers), "goroutine"), strings.Join(started, ", "), wereOrWas(len(workers)))
	return d
}

// panicCauses put runtime panic messages in plain words, with a fix.
var panicCauses = []struct{ prefix, cause, fix string }{
	{"sync: negative WaitGroup counter", "Done was called more times than Add, so the WaitGroup's counter went below zero",
		"call Done exactly once for each Add: one defer wg.Done() at the top of the goroutine, and no other Done"},
	{"close of closed channel", "the channel was closed a second time; a channel can be closed only once",
		"let one owner close the channel once every sender is done (a sync.WaitGroup, then close), or guard the close with sync.Once"},
	{"send on closed channel", "a goroutine sent on a channel after it was closed",
		"close a channel only after every sender has finished: wait for the senders, then close"},
	{"close of nil channel", "the code closed a nil channel", "make the channel before closing it"},
	{"concurrent map", "two goroutines used one map at once; Go maps are not safe for concurrent use",
		"guard the map with a sync.Mutex, or let one goroutine own it"},
	{"sync: unlock of unlocked mutex", "Unlock was called on a mutex that was not locked",
		"pair each Lock with exactly one Unlock, preferably defer mu.Unlock() right after mu.Lock()"},
	{"sync: RUnlock of unlocked RWMutex", "RUnlock was called without a matching RLock", "pair each RLock with exactly one RUnlock"},
	{"assignment to entry in nil map", "the code wrote to a map that was never made", "make the map (make(map[K]V)) before writing to it"},
	{"runtime error: invalid memory address or nil pointer dereference", "the code used a nil pointer", "check where the pointer should have been set"},
	{"runtime error: index out of range", "the code indexed past the end of a slice", "check the index against len"},
}

// diagnosePanic explains a panic message; a panic raised at a function's
// closing brace came from one of its deferred calls.
func (s classifier) diagnosePanic(what string, at *Location) (*Diagnosis, []Location) {
	d := &Diagnosis{Kind: "panic", Cause: "the program panicked: " + what}
	for _, c := range panicCauses {
		if strings.HasPrefix(what, c.prefix) {
			d.Cause, d.Fix = c.cause, c.fix
			break
		}
	}
	if at == nil {
		return d, nil
	}
	f := s.src.file(at.File)
	if strings.TrimSpace(f.line(at.Line)) != "}" {
		return d, nil
	}
	body := f.funcEndingOn(at.Line)
	if body == nil {
		return d, nil
	}
	var locs []Location
	for _, def := range defersIn(body) {
		line := f.lineOf(def.Pos())
		locs = append(locs, Location{Role: "deferred", Goroutine: at.Goroutine, File: at.File, Line: line, Column: f.columnOf(def.Pos()), Func: at.Func})
	}
	if len(locs) > 0 {
		d.Cause += fmt.Sprintf("; it was raised by a deferred call, run as %s returned (%s:%d)", shortFunc(at.Func), baseName(at.File), at.Line)
	}
	return d, locs
}

// raceCauses are the cause and fix of each kind of race; {var} stands for
// the variable and {stmt} for the statement.
var raceCauses = map[string][2]string{
	"increment": {"{stmt} reads {var} and then writes it back: two goroutines doing it at once can read the same old value, and one update is lost",
		"guard {var} with a sync.Mutex held for the read and the write, or make a plain counter atomic (sync/atomic)"},
	"map": {"Go maps are not safe for concurrent use: one goroutine writes {var} while another reads or writes it",
		"guard every access to {var} with a sync.Mutex (a sync.RWMutex if reads dominate), or let one goroutine own the map"},
	"append": {"append reads the slice {var} and writes it back one element longer: goroutines appending at once overwrite each other's elements",
		"guard {var} with a sync.Mutex, or send the values on a channel and append them in one goroutine"},
	"loop-variable": {"every goroutine reads the loop variable {var} while the loop goes on writing it: with this file's Go version all iterations share one {var}",
		"pass {var} to the goroutine as an argument, or copy it in the loop body ({var} := {var})"},
	"captured-variable": {"{var} is declared outside the goroutine's function literal, so every goroutine shares the one {var}",
		"give each goroutine its own variable (a parameter, or its own element of a slice) and combine after they finish, or guard {var} with a sync.Mutex"},
	"named-result": {"{var} is the function's named result, shared by the function and the goroutine or deferred call that writes it",
		"let the goroutine write its own variable and hand the value back over a channel, or after wg.Wait()"},
	"check-then-act": {"{var} is checked and then set, and two goroutines can both see it unset and both set it: the check and the write are not one step",
		"run the initialisation once with sync.Once (or sync.OnceValue), or hold one sync.Mutex around the check and the write"},
	"rlock-write": {"{var} is written while only a read lock is held ({held}): any number of goroutines hold an RLock at once, so their writes race",
		"take the write lock (Lock, not RLock) around every write, or make the value atomic"},
	"field": {"the field {var} is written by one goroutine while another reads or writes it, and no lock is held by both",
		"hold the struct's mutex for every access to {var}, reads included"},
	"global": {"the package-level variable {var} is shared by every goroutine",
		"guard {var} with a sync.Mutex, use sync/atomic, or pass the value over a channel"},
	"shared": {"two goroutines access {var} at once and at least one of them writes",
		"order the accesses: one sync.Mutex held around both, or hand the value over a channel"},
}

// diagnoseRace locates the first race report's accesses in the source,
// names the variable and picks the pattern.
func (s classifier) diagnoseRace(out string) ([]Location, *Diagnosis) {
	reports := ParseRaces(out)
	if len(reports) == 0 {
		return nil, nil
	}
	r := reports[0]
	want := r.Variable[strings.LastIndex(r.Variable, ".")+1:]
	type access struct {
		loc   Location
		file  *sourceFile
		site  raceSite
		found bool
		isMap bool
	}
	var accs []access
	for _, a := range r.Accesses {
		f, ok := s.firstOwnFrameOf(a.Frames)
		if !ok {
			continue
		}
		accs = append(accs, access{
			loc:   Location{Role: a.Kind, Goroutine: a.Goroutine, File: f.File, Line: f.Line, Func: f.Func},
			file:  s.src.file(f.File),
			isMap: hasMapFrame(a.Frames),
		})
	}
	// The written side names the variable; the read side is found by it.
	for pass := 0; pass < 2; pass++ {
		for i := range accs {
			a := &accs[i]
			write := strings.HasSuffix(a.loc.Role, "write")
			if a.found || (pass == 0) != write {
				continue
			}
			a.site, a.found = a.file.site(a.loc.Line, write, want)
			if a.found {
				a.loc.Column, a.loc.Expr = a.site.column, a.site.name
				if want == "" {
					want = baseSelector(a.site.name)
				}
			}
		}
	}
	var locs []Location
	d := &Diagnosis{Kind: "shared", Variable: want}
	var main *access
	for i := range accs {
		locs = append(locs, accs[i].loc)
		if accs[i].isMap {
			d.Kind = "map"
		}
		if accs[i].found && accs[i].site.expr != nil {
			if main == nil || rankSite(accs[i].site, accs[i].loc.Role) > rankSite(main.site, main.loc.Role) {
				main = &accs[i]
			}
		}
	}
	for _, st := range r.Starts {
		if f, ok := s.firstOwnFrameOf(st.Frames); ok {
			locs = append(locs, Location{Role: "started", Goroutine: st.Goroutine, File: f.File, Line: f.Line, Func: f.Func})
		}
	}
	stmt, held := "", ""
	if main != nil {
		d.Variable = main.site.name
		stmt = main.site.stmt
		if d.Kind != "map" {
			var samefile []token.Pos
			for i := range accs {
				if accs[i].found && accs[i].site.expr != nil && accs[i].file == main.file {
					samefile = append(samefile, accs[i].site.expr.Pos())
				}
			}
			if kind, lock := main.file.raceKind(main.site, samefile); kind != "" {
				d.Kind, held = kind, lock
			}
		}
	} else if r.Variable != "" && d.Kind == "shared" {
		d.Kind = "global"
	}
	if d.Variable == "" {
		d.Variable = "the same memory"
	}
	c := raceCauses[d.Kind]
	fill := strings.NewReplacer("{var}", d.Variable, "{stmt}", stmt, "{held}", held)
	d.Cause, d.Fix = fill.Replace(c[0]), fill.Replace(c[1])
	return locs, d
}

// raceKind picks the pattern of a race from its main site, with accesses
// the positions of all its sites in the same file; "" when nothing more
// than "shared" is known. held names the read lock of an rlock-write.
func (f *sourceFile) raceKind(site raceSite, accesses []token.Pos) (kind, held string) {
	// What the variable is says more than what the statement does for a
	// loop variable (its i++ is the loop's) or a named result.
	variable := f.variableKind(site, accesses)
	if variable == "loop-variable" || variable == "named-result" {
		return variable, ""
	}
	if rlock := f.readLockHeld(site.expr.Pos()); rlock != "" {
		return "rlock-write", rlock
	}
	switch {
	case f.checkedBefore(site):
		return "check-then-act", ""
	case site.pattern != "":
		return site.pattern, ""
	case variable == "local":
		return "", ""
	}
	return variable, ""
}

// rankSite orders the accesses of a race by how much their statement
// tells: an increment or append first, then any write, then a read.
func rankSite(s raceSite, role string) int {
	switch {
	case s.pattern != "":
		return 2
	case strings.HasSuffix(role, "write"):
		return 1
	}
	return 0
}

// baseSelector returns the last name of a selector: "c.hits" gives "hits".
func baseSelector(name string) string {
	return name[strings.LastIndex(name, ".")+1:]
}

// hasMapFrame reports whether an access happened inside the runtime's map
// code: a map read or write.
func hasMapFrame(frames []Frame) bool {
	for _, f := range frames {
		if strings.HasPrefix(f.Func, "runtime.map") || strings.HasPrefix(f.Func, "internal/runtime/maps.") {
			return true
		}
	}
	return false
}

// raceMessage names the conflicting accesses of a race in the module's own
// code, and the variable when it is known.
func raceMessage(locs []Location, d *Diagnosis) string {
	var parts []string
	for _, l := range locs {
		if l.Role != "started" {
			parts = append(parts, fmt.Sprintf("%s at %s:%d", l.Role, filepath.Base(l.File), l.Line))
		}
	}
	if len(parts) == 0 {
		return "data race"
	}
	head := "data race"
	if d != nil && d.Variable != "" && d.Variable != "the same memory" {
		head += " on " + d.Variable
	}
	return head + ": " + strings.Join(parts, " conflicts with ")
}
