package analyzers

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
)

// StopTicker reports a time.Ticker that its function never stops: a
// t := time.NewTicker(d) with no t.Stop() in the function (deferred, in a
// closure of it, or called outright), a ticker used without a name
// (time.NewTicker(d).C), and time.Tick, whose ticker cannot be stopped at
// all. A ticker that leaves the function (stored in a field, returned,
// passed on) is left alone: whoever gets it may stop it. An unstopped
// ticker goes on firing after the work is done; since Go 1.23 it holds no
// goroutine, so no leak check can see it, hence a rule.
var StopTicker = &analysis.Analyzer{
	Name: "stopticker",
	Doc:  "report time.NewTicker without a Stop in the same function, and time.Tick",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			tm := importName(f, "time")
			if tm == "" {
				continue
			}
			eachFuncBody(f, func(body *ast.BlockStmt) { checkTickers(pass, tm, body) })
		}
		return nil, nil
	},
}

// checkTickers reports the tickers that body starts (outside its function
// literals, which are checked on their own) and never stops.
func checkTickers(pass *analysis.Pass, tm string, body *ast.BlockStmt) {
	named := map[*ast.CallExpr]string{} // NewTicker calls assigned to a variable
	inspectNoFuncLit(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, r := range n.Rhs {
				if c, ok := ast.Unparen(r).(*ast.CallExpr); ok && len(n.Lhs) == len(n.Rhs) {
					named[c] = assignee(n.Lhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, r := range n.Values {
				if c, ok := ast.Unparen(r).(*ast.CallExpr); ok && i < len(n.Names) {
					named[c] = n.Names[i].Name
				}
			}
		}
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		switch {
		case isPkgCall(c, tm, "Tick"):
			pass.Reportf(c.Pos(), "%s.Tick starts a ticker that nothing can ever stop; use %s.NewTicker and defer its Stop", tm, tm)
		case isPkgCall(c, tm, "NewTicker"):
			name, assigned := named[c]
			switch {
			case !assigned:
				pass.Reportf(c.Pos(), "ticker never stopped: this %s.NewTicker has no name to call Stop on, so it keeps ticking after the work is done; keep it in a variable and defer its Stop", tm)
			case name == "":
				// Stored in a field or an element: stopped by whoever owns it.
			case !stopsOrHandsOn(body, name):
				pass.Reportf(c.Pos(), "ticker never stopped: %s is not stopped in this function, so it keeps ticking after the work is done; add defer %s.Stop() right after creating it", name, name)
			}
		}
		return true
	})
}

// assignee returns the name of the variable e is, or "" for a field, an
// element or the blank identifier.
func assignee(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok && id.Name != "_" {
		return id.Name
	}
	return ""
}

// stopsOrHandsOn reports whether body (closures included) calls name.Stop(),
// or lets the ticker out: uses name other than as name.C, name.Reset(d)
// or name.Stop(), so that someone else may stop it.
func stopsOrHandsOn(body *ast.BlockStmt, name string) bool {
	found := false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && id.Name == name {
				if n.Sel.Name != "C" && n.Sel.Name != "Reset" {
					found = true // Stop, or a method that may hand it on
				}
				return false
			}
		case *ast.AssignStmt:
			// The variable on the left is (re)defined, not handed on.
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); !ok || id.Name != name {
					ast.Inspect(l, visit)
				}
			}
			for _, r := range n.Rhs {
				ast.Inspect(r, visit)
			}
			return false
		case *ast.ValueSpec:
			for _, v := range n.Values {
				ast.Inspect(v, visit)
			}
			return false
		case *ast.Ident:
			if n.Name == name {
				found = true // returned, passed on or stored
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	return found
}
