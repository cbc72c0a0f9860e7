package checker

import (
	"go/ast"
	"go/types"
	"strings"
)

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
	if d.Cause == explanations["panic:send-closed"].cause {
		if ch, closer, line := f.closerOf(at.Line); ch != "" {
			d.Cause = sendClosedCause(ch, closer, baseName(at.File), line, shortFunc(at.Func), at.Line)
			d.Fix = sendClosedFix(ch)
		}
	}
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

// closerOf finds, for the send statement on line n, a close of the same
// channel in another function of the file: it returns the channel as the
// send writes it, the closing function and the line of the close; "" when
// there is none.
func (f *sourceFile) closerOf(n int) (ch, closer string, line int) {
	ch = f.sentOn(n)
	if ch == "" {
		return "", "", 0
	}
	sender := f.enclosingFunc(f.fset.File(f.ast.Pos()).LineStart(n))
	f.withParents(func(node ast.Node, _ []ast.Node) {
		call, ok := node.(*ast.CallExpr)
		if !ok || line != 0 || len(call.Args) != 1 {
			return
		}
		if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "close" {
			return
		}
		if afterFirstName(types.ExprString(call.Args[0])) != afterFirstName(ch) {
			return
		}
		if fn := f.enclosingFunc(call.Pos()); fn != nil && fn != sender {
			closer, line = funcNameOf(fn), f.lineOf(call.Pos())
		}
	})
	if line == 0 {
		return "", "", 0
	}
	return ch, closer, line
}
