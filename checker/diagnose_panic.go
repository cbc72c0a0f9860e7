package checker

import (
	"fmt"
	"strings"
)

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
