package analyzers

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// SendOrCancel reports, in a file that uses package context, a send that
// can wait for good after a cancel: a send in a loop that is neither a case
// of a select that also waits for a Done() channel (or has a default) nor
// the goroutine's last act (followed at once by return or break). Once the
// caller has cancelled and stopped receiving, such a send blocks as soon as
// the channel has no room, and the goroutine never ends. A buffer sized to
// the data only moves the problem: with one slot per sender, a sender that
// finds a second value before it sees the cancel still blocks, on a
// schedule no test can force.
//
// A send on a channel that a goroutine of the file drains (go func() {
// for range hits {} }(), matched by the channel's name) is left alone: it
// waits only until the drain takes the value.
var SendOrCancel = &analysis.Analyzer{
	Name: "sendorcancel",
	Doc:  "report sends in a loop that do not also wait for ctx.Done(), in files that use context",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			if importName(f, "context") == "" {
				continue
			}
			drained := drainedChannels(f)
			eachFuncBody(f, func(body *ast.BlockStmt) { checkLoopSends(pass, drained, body.List, false) })
		}
		return nil, nil
	},
}

// checkLoopSends walks a statement list of one function (not its function
// literals, which are functions of their own) and reports the sends that
// can wait for good; inLoop says whether the list runs in a loop.
func checkLoopSends(pass *analysis.Pass, drained map[string]bool, list []ast.Stmt, inLoop bool) {
	for i, s := range list {
		last := i+1 < len(list) && leaves(list[i+1])
		switch s := s.(type) {
		case *ast.SendStmt:
			if inLoop && !last && !drained[exprString(s.Chan)] {
				pass.Reportf(s.Pos(), "send without cancel: after a cancel nobody receives from %s, so this send waits for good as soon as the channel has no room (a buffer only delays it); send in a select with a case <-ctx.Done() that returns", exprString(s.Chan))
			}
		case *ast.SelectStmt:
			if inLoop && !last && !cancellable(s) {
				for _, c := range s.Body.List {
					if send, ok := c.(*ast.CommClause).Comm.(*ast.SendStmt); ok && !drained[exprString(send.Chan)] {
						pass.Reportf(send.Pos(), "send without cancel: this select waits for a receiver on %s but not for a cancel, so after a cancel it waits for good; add a case <-ctx.Done() that returns", exprString(send.Chan))
					}
				}
			}
			for _, c := range s.Body.List {
				checkLoopSends(pass, drained, c.(*ast.CommClause).Body, inLoop)
			}
		case *ast.ForStmt:
			checkLoopSends(pass, drained, s.Body.List, true)
		case *ast.RangeStmt:
			checkLoopSends(pass, drained, s.Body.List, true)
		case *ast.BlockStmt:
			checkLoopSends(pass, drained, s.List, inLoop)
		case *ast.IfStmt:
			checkLoopSends(pass, drained, s.Body.List, inLoop)
			if s.Else != nil {
				checkLoopSends(pass, drained, []ast.Stmt{s.Else}, inLoop)
			}
		case *ast.SwitchStmt:
			for _, c := range s.Body.List {
				checkLoopSends(pass, drained, c.(*ast.CaseClause).Body, inLoop)
			}
		case *ast.TypeSwitchStmt:
			for _, c := range s.Body.List {
				checkLoopSends(pass, drained, c.(*ast.CaseClause).Body, inLoop)
			}
		case *ast.LabeledStmt:
			checkLoopSends(pass, drained, []ast.Stmt{s.Stmt}, inLoop)
		}
	}
}

// leaves reports whether s ends the goroutine's work at once: a return, or
// a break out of the loop.
func leaves(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.BREAK
	}
	return false
}

// cancellable reports whether a select can always get out of a send: it has
// a default, or a case that receives from a Done() channel.
func cancellable(s *ast.SelectStmt) bool {
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		if cc.Comm == nil {
			return true
		}
		var recv ast.Expr
		switch comm := cc.Comm.(type) {
		case *ast.ExprStmt:
			recv = comm.X
		case *ast.AssignStmt:
			if len(comm.Rhs) == 1 {
				recv = comm.Rhs[0]
			}
		}
		u, ok := ast.Unparen(recv).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			continue
		}
		if call, ok := ast.Unparen(u.X).(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" {
				return true
			}
		}
	}
	return false
}

// drainedChannels names the channels that a goroutine of f drains: a go
// statement of a function literal whose body is a for range over the
// channel that does nothing with the values.
func drainedChannels(f *ast.File) map[string]bool {
	drained := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		g, ok := n.(*ast.GoStmt)
		if !ok {
			return true
		}
		lit, ok := g.Call.Fun.(*ast.FuncLit)
		if !ok || len(lit.Body.List) != 1 {
			return true
		}
		r, ok := lit.Body.List[0].(*ast.RangeStmt)
		if ok && len(r.Body.List) == 0 && isBlank(r.Key) && isBlank(r.Value) {
			drained[exprString(r.X)] = true
		}
		return true
	})
	return drained
}

// isBlank reports whether e is missing or the blank identifier.
func isBlank(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return e == nil || ok && id.Name == "_"
}
