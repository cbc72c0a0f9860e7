package analyzers

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
)

// NoRecover returns the no-recover analyzer: it reports recover() calls
// the shipped code does not have, whose recovers per function are shipped
// (see Recovers). A recover hides the panic the lesson is about.
func NoRecover(shipped map[string]int) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "norecover",
		Doc:  "report recover() calls the shipped code does not have",
		Run: func(pass *analysis.Pass) (any, error) {
			reportExcess(pass, Recovers(pass.Files), shipped, func(fn string, have, had int) string {
				return fmt.Sprintf("%s hides a panic with recover(): %d time(s) here, %d as shipped; fix what panics instead", fn, have, had)
			})
			return nil, nil
		},
	}
}

// Recovers returns the calls of the built-in recover in files, unless the
// package declares a function of its own by that name.
func Recovers(files []*ast.File) []Site {
	for _, f := range files {
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "recover" {
				return nil
			}
		}
	}
	var sites []Site
	eachDecl(files, func(fn string, d ast.Decl) {
		ast.Inspect(d, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && len(c.Args) == 0 {
				if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok && id.Name == "recover" {
					sites = append(sites, Site{fn, c.Pos()})
				}
			}
			return true
		})
	})
	return sites
}
