package checker

import (
	"fmt"
	"slices"
	"strings"
)

// explanation is what the checker tells the student about a diagnosed
// pattern: why the code fails and the kind of fix that fits.
type explanation struct {
	cause string
	fix   string
}

// explanations hold the cause and fix of each diagnosis kind: every
// sentence about a cause or a fix that the checker prints is here, in
// this table or in the functions below it for sentences that name places
// in the code. A kind explained differently case by case has one entry a
// case, keyed "kind:case". In the race kinds, {var} stands for the racing
// variable, {stmt} for its statement and {held} for the read lock held
// (see raceExplanation).
var explanations = map[string]explanation{
	// Data races.
	"increment": {
		cause: "{stmt} reads {var} and then writes it back: two goroutines doing it at once can read the same old value, and one update is lost",
		fix:   "guard {var} with a sync.Mutex held for the read and the write, or make a plain counter atomic (sync/atomic)",
	},
	"map": {
		cause: "Go maps are not safe for concurrent use: one goroutine writes {var} while another reads or writes it",
		fix:   "guard every access to {var} with a sync.Mutex (a sync.RWMutex if reads dominate), or let one goroutine own the map",
	},
	"append": {
		cause: "append reads the slice {var} and writes it back one element longer: goroutines appending at once overwrite each other's elements",
		fix:   "guard {var} with a sync.Mutex, or send the values on a channel and append them in one goroutine",
	},
	"append:read": {
		cause: "append writes the slice {var} while another goroutine reads it, and nothing orders the two: the reader can see a half-written slice",
		fix:   "guard every access to {var} with a sync.Mutex, or hand the reader a slice that no one writes any more (a copy, or a new slice for the writer)",
	},
	"loop-variable": {
		cause: "every goroutine reads the loop variable {var} while the loop goes on writing it: with this file's Go version all iterations share one {var}",
		fix:   "pass {var} to the goroutine as an argument, or copy it in the loop body ({var} := {var})",
	},
	"captured-variable": {
		cause: "{var} is declared outside the goroutine's function literal, so every goroutine shares the one {var}",
		fix:   "give each goroutine its own variable (a parameter, or its own element of a slice) and combine after they finish, or guard {var} with a sync.Mutex",
	},
	"named-result": {
		cause: "{var} is the function's named result, shared by the function and the goroutine or deferred call that writes it",
		fix:   "let the goroutine write its own variable and hand the value back over a channel, or after wg.Wait()",
	},
	"check-then-act": {
		cause: "{var} is checked and then set, and two goroutines can both see it unset and both set it: the check and the write are not one step",
		fix:   "run the initialisation once with sync.Once (or sync.OnceValue), or hold one sync.Mutex around the check and the write",
	},
	"rlock-write": {
		cause: "{var} is written while only a read lock is held ({held}): any number of goroutines hold an RLock at once, so their writes race",
		fix:   "take the write lock (Lock, not RLock) around every write, or make the value atomic",
	},
	"field": {
		cause: "the field {var} is written by one goroutine while another reads or writes it, and no lock is held by both",
		fix:   "hold the struct's mutex for every access to {var}, reads included",
	},
	"global": {
		cause: "the package-level variable {var} is shared by every goroutine",
		fix:   "guard {var} with a sync.Mutex, use sync/atomic, or pass the value over a channel",
	},
	"alias": {
		// The cause names the local slice and the package-level variable
		// it shares: see aliasCause.
		cause: "a local variable is made from a package-level one and shares its memory, so every goroutine writes the same memory",
		fix:   "give each call its own memory (make it inside the function), or guard the package-level variable with a sync.Mutex",
	},
	"copied-lock": {
		// The cause names the method, its receiver and the lock: see
		// copiedLockCause.
		cause: "a method with a value receiver locks its own copy of the struct's mutex, so calls at once do not exclude each other",
		fix:   "give the method a pointer receiver, so that every call locks the same mutex",
	},
	"send-close": {
		// The cause names the channel, the close and the send: see
		// sendCloseCause.
		cause: "a channel is closed while another goroutine still sends on it",
		fix:   "close a channel only after every send on it is done: the one goroutine that owns it closes it after waiting for all the senders",
	},
	"callback": {
		// The cause names the test's function and the calls: see
		// callbackCause.
		cause: "a function the test handed to the code is called by several goroutines at once, and it is not safe for that",
		fix:   "call it from one goroutine at a time: collect the values on a channel and call it from one goroutine, or hold a sync.Mutex around the call",
	},
	"shared": {
		cause: "two goroutines access {var} at once and at least one of them writes",
		fix:   "order the accesses: one sync.Mutex held around both, or hand the value over a channel",
	},

	// Stuck code. A "blocked" goroutine waits on something the checker
	// cannot name, and gets no explanation.
	"relock": {
		// The cause names the mutex and both Lock calls: see relockCause.
		fix: "lock once, in the outer function, and let the inner one expect the lock held (an unexported helper named ...Locked), or unlock before the call",
	},
	"lock-order": {
		// When the source names the two locks, lockOrderCause says more.
		cause: "goroutines each hold one lock and wait for another's: they take the same locks in different orders",
		fix:   "take the locks in one fixed order everywhere (for example by ID), or hold one lock at a time",
	},
	"lock-held": {
		// The cause and fix name the lock, its holder and what the holder
		// does: see lockHeldCause and lockHeldFix.
		cause: "a goroutine holds a lock while it sleeps, works or waits, and every other goroutine that needs the lock waits for it",
		fix:   "hold a lock only around the data it guards: unlock before slow work or a wait, and lock again afterwards",
	},
	"wait-group": {
		cause: "WaitGroup.Wait returns once Done has been called for every Add, and fewer Done calls reached this WaitGroup (was it passed by value, so that Done went to a copy?)",
		fix:   "call Add before each go statement, defer Done at the top of the goroutine, and pass the WaitGroup by pointer",
	},
	"channel-send": {
		cause: "a send on an unbuffered channel waits until another goroutine receives the value, and no goroutine is left to receive it",
		fix:   "receive every value that is sent, buffer the channel for the sends no one may read, or let the sender give up with a select on a done channel or ctx.Done()",
	},
	"channel-receive": {
		cause: "a receive, or a range over a channel, waits until a value comes or the channel is closed, and no goroutine is left to do either",
		fix:   "close the channel once the last sender is done: a sync.WaitGroup for the senders, then close(ch), often in a goroutine of its own",
	},
	"nil-channel": {
		cause: "a send to or a receive from a nil channel blocks forever",
		fix:   "make the channel before use; in a select, set a channel to nil only to turn its case off",
	},
	"select": {
		cause: "no case of the select can ever go on",
		fix:   "give the select a case that ends the wait: a done channel or ctx.Done()",
	},
	"cond": {
		cause: "Cond.Wait sleeps until a Signal or Broadcast that comes after it started waiting; the wake-up came before, or went to another waiter",
		fix:   "call Wait in a for loop that re-checks the condition, and Broadcast when every waiter must see the change",
	},
	"lock": {
		// When the source shows the return that keeps the lock,
		// unlockedReturnCause says where.
		cause: "a goroutine waits for a mutex that is never unlocked: some path returns without Unlock",
		fix:   "defer mu.Unlock() right after mu.Lock()",
	},
	"slow": {
		cause: "the code was still working when the time limit passed: a goroutine waits for a timer or a ticker, so it is not stuck, only slow",
		fix:   "wait for events instead of fixed times, or, if the work takes that long, give the tests a longer limit",
	},
	"spin": {
		cause: "a goroutine keeps running and never finishes: a loop that waits for something no other goroutine changes, or that never ends",
		fix:   "wait with a channel, a sync.WaitGroup or a sync.Cond instead of a loop",
	},

	// Goroutines left behind after a test. The cause lists them: see
	// leakCause.
	"leak": {
		fix: "make sure every goroutine you start can return: stop it with a done channel or ctx.Done() in a select beside each send and receive",
	},
	"leak:send": {
		fix: "give the sender a way to finish when no one reads: a channel buffered for its one result, or a select on ctx.Done() or a done channel",
	},

	// Goroutines still working when the code under test returned. When the
	// checker knows where they were started, exitCause says so instead.
	"exit": {
		cause: "the code under test returned before the goroutines it started had finished",
		fix:   "wait for them before returning: wg.Add(1) before each go statement, defer wg.Done() in the goroutine, wg.Wait() before return (or wait on a done channel)",
	},

	// Runtime panics, by their message (see panicKinds). Any other panic
	// is explained by panicCause alone.
	"panic:negative-waitgroup": {
		cause: "Done was called more times than Add, so the WaitGroup's counter went below zero",
		fix:   "call Done exactly once for each Add: one defer wg.Done() at the top of the goroutine, and no other Done",
	},
	"panic:close-closed": {
		cause: "the channel was closed a second time; a channel can be closed only once",
		fix:   "let one owner close the channel once every sender is done (a sync.WaitGroup, then close), or guard the close with sync.Once",
	},
	"panic:send-closed": {
		cause: "a goroutine sent on a channel after it was closed",
		fix:   "close a channel only after every sender has finished: wait for the senders, then close",
	},
	"panic:close-nil": {
		cause: "the code closed a nil channel",
		fix:   "make the channel before closing it",
	},
	"panic:concurrent-map": {
		cause: "two goroutines used one map at once; Go maps are not safe for concurrent use",
		fix:   "guard the map with a sync.Mutex, or let one goroutine own it",
	},
	"panic:unlock-unlocked": {
		cause: "Unlock was called on a mutex that was not locked",
		fix:   "pair each Lock with exactly one Unlock, preferably defer mu.Unlock() right after mu.Lock()",
	},
	"panic:runlock-unlocked": {
		cause: "RUnlock was called without a matching RLock",
		fix:   "pair each RLock with exactly one RUnlock",
	},
	"panic:nil-map": {
		cause: "the code wrote to a map that was never made",
		fix:   "make the map (make(map[K]V)) before writing to it",
	},
	"panic:nil-pointer": {
		cause: "the code used a nil pointer",
		fix:   "check where the pointer should have been set",
	},
	"panic:index-out-of-range": {
		cause: "the code indexed past the end of a slice",
		fix:   "check the index against len",
	},
}

// raceExplanation returns the cause and fix of a race of the given kind,
// with the racing variable, its statement and the read lock held filled
// in.
func raceExplanation(kind, variable, stmt, held string) (cause, fix string) {
	e := explanations[kind]
	fill := strings.NewReplacer("{var}", variable, "{stmt}", stmt, "{held}", held)
	return fill.Replace(e.cause), fill.Replace(e.fix)
}

// relockCause says that the function of frame in locks mutex while it
// already holds it, since a Lock call at line lockedAt of the same file.
func relockCause(in Frame, mutex string, lockedAt int) string {
	return fmt.Sprintf("%s locks %s (%s:%d) while it already holds it (locked at %s:%d): a sync.Mutex is not reentrant, so the goroutine waits for itself",
		shortFunc(in.Func), mutex, baseName(in.File), in.Line, baseName(in.File), lockedAt)
}

// relockInCallerCause says that the function of frame in locks mutex while
// its caller, frame outer, already holds it, since a Lock call at line
// lockedAt of the caller's file.
func relockInCallerCause(in, outer Frame, mutex string, lockedAt int) string {
	return fmt.Sprintf("%s locks %s (%s:%d) while its caller %s already holds it (locked at %s:%d): a sync.Mutex is not reentrant, so the goroutine waits for itself",
		shortFunc(in.Func), mutex, baseName(in.File), in.Line, shortFunc(outer.Func), baseName(outer.File), lockedAt)
}

// lockOrderCause names the two locks of a lock-order deadlock, in the
// order one goroutine takes them.
func lockOrderCause(o lockPair) string {
	return fmt.Sprintf("goroutines each hold one lock and wait for another's: they lock %s (%s:%d), then wait for %s (%s:%d), and the same two mutexes come in opposite orders",
		o.held, baseName(o.file), o.heldLine, o.waits, baseName(o.file), o.waitLine)
}

// lockHeldClause says in one line who holds which lock doing what, and how
// many goroutines wait for it: "Cache.Get holds c.mu while it sleeps in
// load at main.go:18, and 3 goroutines wait for it (main.go:24)".
func lockHeldClause(h lockHolding) string {
	var at []string
	for _, w := range h.waiters {
		at = append(at, fmt.Sprintf("%s:%d", baseName(w.File), w.Line))
	}
	return fmt.Sprintf("%s holds %s while it %s, and %s wait for it (%s)",
		shortFunc(h.held.in.Func), h.held.mutex, h.doing, whose(h.waiters), strings.Join(at, ", "))
}

// whose counts the goroutines of waits, the student's apart from the
// test's: "3 goroutines", "4 goroutines of the test", "2 goroutines and 1
// goroutine of the test".
func whose(ws []Wait) string {
	own, test := 0, 0
	for _, w := range ws {
		if w.Main {
			test += w.Count
		} else {
			own += w.Count
		}
	}
	switch {
	case test == 0:
		return plural(own, "goroutine")
	case own == 0:
		return plural(test, "goroutine") + " of the test"
	}
	return plural(own, "goroutine") + " and " + plural(test, "goroutine") + " of the test"
}

// lockHeldCause explains a lock that its holder keeps while it sleeps,
// works or waits for something else.
func lockHeldCause(h lockHolding) string {
	end := "so the goroutines that need the lock run one at a time, each waiting for the slow one"
	if !h.working {
		end = "and what it waits for never comes, so none of them can go on"
	}
	return fmt.Sprintf("%s locks %s (%s:%d) and keeps it while it %s: %s that lock %s wait for it, %s",
		shortFunc(h.held.in.Func), h.held.mutex, baseName(h.held.in.File), h.held.line, h.doing,
		whose(h.waiters), h.held.mutex, end)
}

// lockHeldFix says where to unlock a lock held across slow work or a wait.
func lockHeldFix(h lockHolding) string {
	return fmt.Sprintf("hold %s only around the data it guards: unlock it before %s:%d and lock it again afterwards if you need to, so that no goroutine holds it while it %s",
		h.held.mutex, baseName(h.held.in.File), h.held.in.Line, strings.Replace(strings.Fields(h.doing)[0], "keeps", "works", 1))
}

// unlockedReturnCause says that fn returns at line ret of file with mutex
// still locked since line locked.
func unlockedReturnCause(fn, mutex, file string, ret, locked int) string {
	return fmt.Sprintf("%s returns at %s:%d with %s still locked (locked at %s:%d), so the next Lock of %s waits forever",
		fn, file, ret, mutex, file, locked, mutex)
}

// aliasCause says that the local variable local of fn is made from the
// package-level variable global, so every call shares its memory.
func aliasCause(local, global, fn string) string {
	return fmt.Sprintf("%s in %s is made from the package-level %s and shares its memory: every goroutine that runs %s writes the same %s at once", local, fn, global, fn, global)
}

// aliasFix says how to stop calls sharing the package-level variable.
func aliasFix(global, fn string) string {
	return fmt.Sprintf("give each call of %s memory of its own (make the buffer inside %s, or pass one in) instead of reusing %s, or guard %s with a sync.Mutex held while it is used", fn, fn, global, global)
}

// copiedLockCause says that method, with the value receiver recv, locks
// lock of its own copy of the struct while it uses variable.
func copiedLockCause(method, recv string, lock heldLock, file, variable string) string {
	_, typ, _ := strings.Cut(recv, " ")
	return fmt.Sprintf("%s has a value receiver (%s): each call gets its own copy of the %s, mutex included, so %s.Lock() at %s:%d locks a copy no other call shares, and calls at once use %s unguarded",
		method, recv, typ, lock.mutex, file, lock.line, variable)
}

// copiedLockFix says to give method a pointer receiver.
func copiedLockFix(method, recv, mutex string) string {
	name, typ, _ := strings.Cut(recv, " ")
	fn := method[strings.LastIndex(method, ".")+1:]
	return fmt.Sprintf("give %s a pointer receiver (func (%s *%s) %s) so that every call locks the same %s, and pass a %s by pointer, never by value",
		method, name, typ, fn, mutex, typ)
}

// sendClosedCause says that closer closed ch at closeLine of file while
// sender still sent on it at sendLine.
func sendClosedCause(ch, closer, file string, closeLine int, sender string, sendLine int) string {
	return fmt.Sprintf("%s closes %s (%s:%d) while %s still sends on it (%s:%d), and a send on a closed channel panics",
		closer, ch, file, closeLine, sender, file, sendLine)
}

// sendClosedFix says who should close ch.
func sendClosedFix(ch string) string {
	return fmt.Sprintf("let the goroutine that sends on %s close it, after its last send; to stop it early, signal it another way (close a done channel it selects on) instead of closing %s", ch, ch)
}

// sendCloseCause says that a close of ch at closed runs while another
// goroutine may still send on ch at sent.
func sendCloseCause(ch string, closed, sent Location) string {
	return fmt.Sprintf("close(%s) at %s:%d runs while another goroutine still sends on %s at %s:%d: nothing makes the close wait for the last send, so on another run the send comes after the close and panics",
		ch, baseName(closed.File), closed.Line, ch, baseName(sent.File), sent.Line)
}

// sendCloseFix says who should close ch, and when.
func sendCloseFix(ch string) string {
	return fmt.Sprintf("close %s once, after every send on it is done: let the goroutine that owns %s close it after wg.Wait() for all its senders, and never close it from one sender while others may still send", ch, ch)
}

// callbackCause says that the test's function fn is called by several
// goroutines at once, at the places at.
func callbackCause(fn string, at []Location) string {
	if fn == "" {
		fn = "a function the test handed to the code"
	}
	var where []string
	for _, l := range at {
		p := fmt.Sprintf("%s:%d", baseName(l.File), l.Line)
		if !slices.Contains(where, p) {
			where = append(where, p)
		}
	}
	return fmt.Sprintf("%s comes from the test, which expects one call at a time, but goroutines call it at once (%s): the race is inside it, and the calls are what to fix",
		fn, strings.Join(where, ", "))
}

// callbackFix says how to call the test's function fn one call at a time.
func callbackFix(fn string) string {
	if fn == "" {
		fn = "it"
	}
	return fmt.Sprintf("call %s from one goroutine at a time: send the values on a channel to one goroutine that calls %s, or call it after wg.Wait(), or hold a sync.Mutex around the call", fn, fn)
}

// leakCause says which goroutines never returned, and what they wait for.
func leakCause(ws []Wait) string {
	return fmt.Sprintf("%s never returned after the test ended: %s", plural(count(ws), "goroutine"), describe(ws))
}

// exitCause says how many goroutines were still working when the code
// under test returned, and where (file:line) they were started.
func exitCause(workers int, started []string) string {
	return fmt.Sprintf("%s started at %s %s still working when the code under test returned",
		plural(workers, "goroutine"), strings.Join(started, ", "), wereOrWas(workers))
}

// panicCause is the cause of a panic that panicKinds do not name: the
// runtime's own message.
func panicCause(what string) string {
	return "the program panicked: " + what
}

// deferredPanicCause is added to a panic's cause when the panic was raised
// at the closing brace of the function at, by one of its deferred calls.
func deferredPanicCause(at *Location) string {
	return fmt.Sprintf("; it was raised by a deferred call, run as %s returned (%s:%d)", shortFunc(at.Func), baseName(at.File), at.Line)
}
