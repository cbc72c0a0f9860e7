package analyzers

import (
	"fmt"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// NoSleep returns the no-sleep analyzer: it reports sleeping to wait when
// the package sleeps more often than the shipped code, whose sleeps per
// function are shipped (see Sleeps). It reports the sleeps of the
// functions that sleep more than they did as shipped.
func NoSleep(shipped map[string]int) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "nosleep",
		Doc:  "report sleeping to wait for other goroutines (more time.Sleep or <-time.After than the shipped code)",
		Run: func(pass *analysis.Pass) (any, error) {
			reportExcess(pass, Sleeps(pass.Files), shipped, func(fn string, have, had int) string {
				return fmt.Sprintf("%s sleeps to wait: it sleeps %d time(s) here, %d as shipped", fn, have, had)
			})
			return nil, nil
		},
	}
}

// Sleeps returns the places in files that sleep: calls of time.Sleep, and
// receives from a fresh timer (time.After, time.Tick, time.NewTimer(d).C)
// outside a select, or in a select that has no other case. A timer raced
// against other cases in a select is a timeout, not a sleep.
func Sleeps(files []*ast.File) []Site {
	var sites []Site
	for _, f := range files {
		local := importName(f, "time")
		if local == "" {
			continue
		}
		eachDecl([]*ast.File{f}, func(fn string, d ast.Decl) {
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectStmt:
					if len(n.Body.List) != 1 {
						return false
					}
				case *ast.CallExpr:
					if isPkgCall(n, local, "Sleep") {
						sites = append(sites, Site{fn, n.Pos()})
					}
				case *ast.UnaryExpr:
					if n.Op == token.ARROW && isTimer(n.X, local) {
						sites = append(sites, Site{fn, n.Pos()})
					}
				}
				return true
			})
		})
	}
	return sites
}

// isTimer reports whether e is a channel from a fresh timer:
// time.After(d), time.Tick(d), time.NewTimer(d).C.
func isTimer(e ast.Expr, local string) bool {
	e = ast.Unparen(e)
	if sel, ok := e.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
		c, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		return ok && isPkgCall(c, local, "NewTimer")
	}
	c, ok := e.(*ast.CallExpr)
	return ok && isPkgCall(c, local, "After", "Tick")
}
