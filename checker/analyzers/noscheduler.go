package analyzers

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"
)

// NoScheduler reports calls that tune the scheduler instead of
// synchronizing: runtime.Gosched, runtime.GOMAXPROCS,
// runtime.LockOSThread.
var NoScheduler = &analysis.Analyzer{
	Name: "noscheduler",
	Doc:  "report runtime.Gosched, runtime.GOMAXPROCS and runtime.LockOSThread",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			local := importName(f, "runtime")
			if local == "" {
				continue
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if c, ok := n.(*ast.CallExpr); ok && isPkgCall(c, local, "Gosched", "GOMAXPROCS", "LockOSThread") {
					pass.Reportf(c.Pos(), "runtime.%s changes the timing, not the synchronization", c.Fun.(*ast.SelectorExpr).Sel.Name)
				}
				return true
			})
		}
		return nil, nil
	},
}
