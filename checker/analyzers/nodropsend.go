package analyzers

import (
	"go/ast"
	"go/token"
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// NoDropSend reports a send in a select that has a default clause: when no
// receiver is ready at that moment (the receiving goroutine has not reached
// its receive yet, or is busy with the previous value), the select takes
// the default and the value is never delivered. Which goroutine gets there
// first is up to the scheduler, so no test can force the drop; the rule
// is for the lessons where every value sent must arrive.
//
// A send that provably finds room is not reported: a channel made in the
// same function with a constant buffer of N, sent on by at most N send
// statements that each run at most once per call (none in a loop or in a
// function literal that could be called again), and used for nothing but
// sends, receives, close, len and cap. Its default can never be taken.
var NoDropSend = &analysis.Analyzer{
	Name: "nodropsend",
	Doc:  "report sends in a select with a default, which drop the value when no receiver is ready",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, decl := range f.Decls {
				room := map[string]bool{}
				if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil {
					room = channelsWithRoom(fd.Body)
				}
				ast.Inspect(decl, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectStmt); ok {
						reportDroppedSends(pass, sel, room)
					}
					return true
				})
			}
		}
		return nil, nil
	},
}

// reportDroppedSends reports the sends of a select with a default, except
// on the channels that always have room.
func reportDroppedSends(pass *analysis.Pass, sel *ast.SelectStmt, room map[string]bool) {
	hasDefault := false
	var sends []*ast.SendStmt
	for _, s := range sel.Body.List {
		cc, ok := s.(*ast.CommClause)
		if !ok {
			continue
		}
		switch comm := cc.Comm.(type) {
		case nil:
			hasDefault = true
		case *ast.SendStmt:
			sends = append(sends, comm)
		}
	}
	if !hasDefault {
		return
	}
	for _, s := range sends {
		if id, ok := s.Chan.(*ast.Ident); ok && room[id.Name] {
			continue
		}
		pass.Reportf(s.Pos(), "dropped send: this select takes its default when no receiver is waiting on %s at that moment, and the value is lost; send without a default (give the channel a buffer if the sender must not wait)", exprString(s.Chan))
	}
}

// channelsWithRoom names the channels of a function body that can never be
// full when sent on: made there with make(chan T, N), N a constant, with at
// most N sends that each run at most once, and not used in any other way
// (passed on, stored, assigned again), so that no send elsewhere can fill
// them. Names are matched without scopes: a name made twice is left out.
func channelsWithRoom(body *ast.BlockStmt) map[string]bool {
	capacity := map[string]int{}
	defs := map[*ast.Ident]bool{}
	made := map[string]int{}
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || as.Tok != token.DEFINE || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		id, ok := as.Lhs[0].(*ast.Ident)
		if !ok {
			return true
		}
		if c, ok := bufferedMake(as.Rhs[0]); ok {
			capacity[id.Name], defs[id] = c, true
			made[id.Name]++
		}
		return true
	})
	sends := map[string]int{}
	spoiled := map[string]bool{}
	var path []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			path = path[:len(path)-1]
			return true
		}
		defer func() { path = append(path, n) }()
		id, ok := n.(*ast.Ident)
		if !ok || capacity[id.Name] == 0 || defs[id] {
			return true
		}
		switch use := channelUse(id, path); use {
		case useNone:
		case useSend:
			sends[id.Name]++
			if !runsOnce(path) {
				spoiled[id.Name] = true
			}
		case useOther:
			spoiled[id.Name] = true
		}
		return true
	})
	room := map[string]bool{}
	if hasGoto(body) {
		return room // a goto can run a send again
	}
	for name, c := range capacity {
		room[name] = made[name] == 1 && !spoiled[name] && sends[name] <= c
	}
	return room
}

// bufferedMake reports the buffer of make(chan T, N), N an integer literal
// of at least 1.
func bufferedMake(e ast.Expr) (int, bool) {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return 0, false
	}
	if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "make" {
		return 0, false
	}
	if _, ok := call.Args[0].(*ast.ChanType); !ok {
		return 0, false
	}
	lit, ok := call.Args[1].(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		return 0, false
	}
	n, err := strconv.Atoi(lit.Value)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}

// A useOfChannel is what the code does with a channel's name.
type useOfChannel int

const (
	// useNone: not the channel at all (a field or method of that name).
	useNone useOfChannel = iota
	// useSend: sends on it.
	useSend
	// useHarmless: receives from it, ranges over it, closes it, or asks
	// its len or cap.
	useHarmless
	// useOther: anything else, which may let other code send on it.
	useOther
)

// channelUse classifies the use of id, whose ancestors are path.
func channelUse(id *ast.Ident, path []ast.Node) useOfChannel {
	if len(path) == 0 {
		return useOther
	}
	switch p := path[len(path)-1].(type) {
	case *ast.SelectorExpr:
		if p.Sel == id {
			return useNone
		}
	case *ast.SendStmt:
		if p.Chan == id {
			return useSend
		}
	case *ast.UnaryExpr:
		if p.Op == token.ARROW {
			return useHarmless
		}
	case *ast.RangeStmt:
		if p.X == id {
			return useHarmless
		}
	case *ast.CallExpr:
		if fn, ok := p.Fun.(*ast.Ident); ok && len(p.Args) == 1 && (fn.Name == "close" || fn.Name == "len" || fn.Name == "cap") {
			return useHarmless
		}
	}
	return useOther
}

// runsOnce reports whether a statement whose ancestors are path runs at
// most once per call of the function: no loop around it, and every
// function literal around it is called, deferred or started right where it
// is written.
func runsOnce(path []ast.Node) bool {
	for i, n := range path {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return false
		case *ast.FuncLit:
			if i == 0 {
				return false
			}
			call, ok := path[i-1].(*ast.CallExpr)
			if !ok || call.Fun != n {
				return false
			}
		}
	}
	return true
}

// hasGoto reports whether body jumps with goto anywhere.
func hasGoto(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if b, ok := n.(*ast.BranchStmt); ok && b.Tok == token.GOTO {
			found = true
		}
		return !found
	})
	return found
}
