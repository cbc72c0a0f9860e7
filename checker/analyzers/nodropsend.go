package analyzers

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
)

// NoDropSend reports a send in a select that has a default clause: when no
// receiver is ready at that moment (the receiving goroutine has not reached
// its receive yet, or is busy with the previous value), the select takes
// the default and the value is never delivered. Which goroutine gets there
// first is up to the scheduler, so no test can force the drop; the rule
// is for the lessons where every value sent must arrive.
var NoDropSend = &analysis.Analyzer{
	Name: "nodropsend",
	Doc:  "report sends in a select with a default, which drop the value when no receiver is ready",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectStmt)
				if !ok {
					return true
				}
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
					return true
				}
				for _, s := range sends {
					pass.Reportf(s.Pos(), "dropped send: this select takes its default when no receiver is waiting on %s at that moment, and the value is lost; send without a default (give the channel a buffer if the sender must not wait)", exprString(s.Chan))
				}
				return true
			})
		}
		return nil, nil
	},
}
