package checker

import "strings"

// panicKinds name runtime panic messages by how they start, with the key
// of their explanation.
var panicKinds = []struct{ prefix, key string }{
	{"sync: negative WaitGroup counter", "panic:negative-waitgroup"},
	{"close of closed channel", "panic:close-closed"},
	{"send on closed channel", "panic:send-closed"},
	{"close of nil channel", "panic:close-nil"},
	{"concurrent map", "panic:concurrent-map"},
	{"sync: unlock of unlocked mutex", "panic:unlock-unlocked"},
	{"sync: RUnlock of unlocked RWMutex", "panic:runlock-unlocked"},
	{"assignment to entry in nil map", "panic:nil-map"},
	{"runtime error: invalid memory address or nil pointer dereference", "panic:nil-pointer"},
	{"runtime error: index out of range", "panic:index-out-of-range"},
}

// diagnosePanic explains a panic message; a panic raised at a function's
// closing brace came from one of its deferred calls.
func (s classifier) diagnosePanic(what string, at *Location) (*Diagnosis, []Location) {
	d := &Diagnosis{Kind: "panic", Cause: panicCause(what)}
	for _, k := range panicKinds {
		if strings.HasPrefix(what, k.prefix) {
			e := explanations[k.key]
			d.Cause, d.Fix = e.cause, e.fix
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
		d.Cause += deferredPanicCause(at)
	}
	return d, locs
}
