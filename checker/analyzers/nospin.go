package analyzers

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// NoSpin reports loops that wait for another goroutine by polling: a for
// loop that reads an atomic (x.Load(), atomic.LoadT), a TryLock, len of a
// channel, runtime.NumGoroutine, a select with a default, or a plain flag,
// and does nothing else: no blocking operation (channel send or receive,
// select without default, Wait, Lock, Sleep, or any other call), and no
// progress of its own on what it tests (i++, p = p.next).
//
// A CompareAndSwap retry loop is not a spin (it updates, it does not
// wait), nor is a range over a channel (the receive blocks).
var NoSpin = &analysis.Analyzer{
	Name: "nospin",
	Doc:  "report busy-wait loops that poll a flag, an atomic or TryLock",
	Run: func(pass *analysis.Pass) (any, error) {
		chans := chanNames(pass.Files)
		for _, f := range pass.Files {
			s := spinScan{chans: chans, runtime: importName(f, "runtime"), atomic: importName(f, "sync/atomic")}
			ast.Inspect(f, func(n ast.Node) bool {
				if loop, ok := n.(*ast.ForStmt); ok {
					if what, ok := s.spins(loop); ok {
						pass.Reportf(loop.Pos(), "busy-wait: this loop polls %s until another goroutine changes it; block on a channel, a WaitGroup, a Cond or a Mutex instead", what)
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

// spinScan holds what the scan of one file's loops needs.
type spinScan struct {
	chans           map[string]bool
	runtime, atomic string
}

// loopFacts is what a scan of one loop found.
type loopFacts struct {
	work     bool            // a call that does something, or blocks
	poll     string          // the first poll, as written
	defined  map[string]bool // variables the loop declares
	progress map[string]bool // variables the loop advances itself
	tested   []string        // variables its exit conditions read, in order
}

// spins reports whether loop is a busy-wait, and what it polls.
func (s spinScan) spins(loop *ast.ForStmt) (string, bool) {
	lf := &loopFacts{defined: map[string]bool{}, progress: map[string]bool{}}
	if loop.Cond != nil {
		lf.tested = identNames(loop.Cond)
	}
	for _, n := range []ast.Node{loop.Init, loop.Cond, loop.Post, loop.Body} {
		if n != nil {
			s.scan(n, lf)
		}
	}
	if lf.work {
		return "", false
	}
	for _, v := range lf.tested {
		if lf.progress[v] {
			return "", false
		}
	}
	if lf.poll != "" {
		return lf.poll, true
	}
	for _, v := range lf.tested {
		if !lf.defined[v] {
			return v, true
		}
	}
	return "", false
}

// scan records what n does into lf.
func (s spinScan) scan(n ast.Node, lf *loopFacts) {
	ast.Inspect(n, func(n ast.Node) bool {
		if lf.work {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt, *ast.RangeStmt, *ast.SendStmt:
			lf.work = true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				lf.work = true
			}
		case *ast.SelectStmt:
			s.scanSelect(n, lf)
			return false
		case *ast.IfStmt:
			lf.tested = append(lf.tested, identNames(n.Cond)...)
		case *ast.CallExpr:
			switch {
			case s.isPoll(n):
				if lf.poll == "" {
					lf.poll = exprString(n)
				}
			case s.isIdle(n):
			default:
				lf.work = true
			}
		case *ast.IncDecStmt:
			if v := rootName(n.X); v != "" {
				lf.progress[v] = true
			}
		case *ast.AssignStmt:
			s.assign(n, lf)
		}
		return true
	})
}

// scanSelect records a select: one without a default blocks; one with a
// default polls its channels, and its cases' bodies are scanned.
func (s spinScan) scanSelect(sel *ast.SelectStmt, lf *loopFacts) {
	hasDefault := false
	for _, c := range sel.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			hasDefault = true
		}
	}
	if !hasDefault {
		lf.work = true
		return
	}
	if lf.poll == "" {
		lf.poll = "a select with a default"
	}
	for _, c := range sel.Body.List {
		for _, st := range c.(*ast.CommClause).Body {
			s.scan(st, lf)
		}
	}
}

// assign records an assignment: a variable it defines, and progress when
// it advances a variable from the value it had (i += 1, p = p.next) or
// sets it from anything but a poll.
func (s spinScan) assign(a *ast.AssignStmt, lf *loopFacts) {
	for i, lhs := range a.Lhs {
		v := rootName(lhs)
		if v == "" || v == "_" {
			continue
		}
		if a.Tok == token.DEFINE {
			lf.defined[v] = true
		}
		rhs := a.Rhs[0]
		if len(a.Rhs) == len(a.Lhs) {
			rhs = a.Rhs[i]
		}
		if (a.Tok != token.DEFINE && a.Tok != token.ASSIGN) || !s.hasPoll(rhs) || mentions(rhs, v) {
			lf.progress[v] = true
		}
	}
}

// isPoll reports whether c reads state another goroutine changes without
// blocking.
func (s spinScan) isPoll(c *ast.CallExpr) bool {
	switch {
	case isMethodCall(c, "Load", 0), isMethodCall(c, "TryLock", 0), isMethodCall(c, "TryRLock", 0):
		return true
	case s.atomic != "" && isPkgCall(c, s.atomic, "LoadInt32", "LoadInt64", "LoadUint32", "LoadUint64", "LoadUintptr", "LoadPointer"):
		return true
	case isPkgCall(c, s.runtime, "NumGoroutine"):
		return true
	}
	if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "len" && len(c.Args) == 1 {
		return s.chans[lastName(c.Args[0])]
	}
	return false
}

// hasPoll reports whether e contains a poll.
func (s spinScan) hasPoll(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && s.isPoll(c) {
			found = true
		}
		return !found
	})
	return found
}

// idleCalls are the built-in functions and conversions a polling loop may
// call without doing work.
var idleCalls = map[string]bool{
	"len": true, "cap": true, "min": true, "max": true,
	"bool": true, "int": true, "int32": true, "int64": true, "uint": true, "uint32": true, "uint64": true, "uintptr": true, "string": true,
}

// isIdle reports whether c is a call a polling loop makes without doing
// work: runtime.Gosched, Unlock after a TryLock, len, a conversion.
func (s spinScan) isIdle(c *ast.CallExpr) bool {
	if isPkgCall(c, s.runtime, "Gosched") || isMethodCall(c, "Unlock", 0) || isMethodCall(c, "RUnlock", 0) {
		return true
	}
	id, ok := c.Fun.(*ast.Ident)
	return ok && idleCalls[id.Name]
}

// identNames returns the variables e reads: its identifiers, less field
// and method names, called functions and the predeclared constants.
func identNames(e ast.Expr) []string {
	var names []string
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			ast.Inspect(n.X, func(m ast.Node) bool {
				if _, ok := m.(*ast.SelectorExpr); ok {
					return true
				}
				if id, ok := m.(*ast.Ident); ok {
					names = append(names, id.Name)
				}
				return true
			})
			return false
		case *ast.CallExpr:
			for _, a := range n.Args {
				names = append(names, identNames(a)...)
			}
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				names = append(names, identNames(sel.X)...)
			}
			return false
		case *ast.Ident:
			switch n.Name {
			case "true", "false", "nil", "iota":
			default:
				names = append(names, n.Name)
			}
		}
		return true
	})
	return names
}

// rootName returns the variable an lvalue belongs to: x for x, x.f, x[i],
// *x.
func rootName(e ast.Expr) string {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x.Name
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return ""
		}
	}
}

// lastName returns the last name in x or a.b.x.
func lastName(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return ""
}

// mentions reports whether e reads the variable v.
func mentions(e ast.Expr, v string) bool {
	for _, n := range identNames(e) {
		if n == v {
			return true
		}
	}
	return false
}

// chanNames returns the names declared with a channel type or made with
// make(chan ...) in files: variables, fields and parameters.
func chanNames(files []*ast.File) map[string]bool {
	names := map[string]bool{}
	isChan := func(e ast.Expr) bool {
		switch x := ast.Unparen(e).(type) {
		case *ast.ChanType:
			return true
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "make" && len(x.Args) > 0 {
				_, ok := x.Args[0].(*ast.ChanType)
				return ok
			}
		}
		return false
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Field:
				if isChan(n.Type) {
					for _, id := range n.Names {
						names[id.Name] = true
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if (n.Type != nil && isChan(n.Type)) || (i < len(n.Values) && isChan(n.Values[i])) {
						names[id.Name] = true
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if i < len(n.Rhs) && isChan(n.Rhs[i]) {
						names[lastName(lhs)] = true
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && isChan(n.Value) {
					names[k.Name] = true
				}
			}
			return true
		})
	}
	return names
}
