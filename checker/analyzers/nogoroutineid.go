package analyzers

import (
	"go/ast"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// NoGoroutineID reports tricks that get a goroutine's id: runtime.Stack
// (or debug.Stack) in a function that parses it for "goroutine " or for a
// number (strconv.Atoi, ParseInt, ParseUint, fmt.Sscanf), //go:linkname (to reach the runtime's goid), and packages that
// hand out goroutine ids. Goroutine ids let code keep per-goroutine state
// that hides the sharing the lesson is about.
var NoGoroutineID = &analysis.Analyzer{
	Name: "nogoroutineid",
	Doc:  "report code that reads goroutine ids",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, g := range f.Comments {
				for _, c := range g.List {
					if strings.HasPrefix(c.Text, "//go:linkname ") {
						pass.Reportf(c.Pos(), "//go:linkname reaches into the runtime (for a goroutine id): synchronize instead")
					}
				}
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if base := p[strings.LastIndex(p, "/")+1:]; base == "goid" || base == "gls" || base == "routine" {
					pass.Reportf(imp.Pos(), "%s hands out goroutine ids: synchronize instead of keeping state per goroutine", p)
				}
			}
			runtime, debug := importName(f, "runtime"), importName(f, "runtime/debug")
			strconvName, fmtName := importName(f, "strconv"), importName(f, "fmt")
			eachDecl([]*ast.File{f}, func(_ string, d ast.Decl) {
				var stacks []*ast.CallExpr
				parses := false
				ast.Inspect(d, func(n ast.Node) bool {
					switch n := n.(type) {
					case *ast.CallExpr:
						if isPkgCall(n, runtime, "Stack") || isPkgCall(n, debug, "Stack") {
							stacks = append(stacks, n)
						}
						if isPkgCall(n, strconvName, "Atoi", "ParseInt", "ParseUint") || isPkgCall(n, fmtName, "Sscanf", "Sscan") {
							parses = true
						}
					case *ast.BasicLit:
						if s, ok := stringLit(n); ok && (s == "goroutine" || strings.HasPrefix(s, "goroutine ")) {
							parses = true
						}
					}
					return true
				})
				if parses {
					for _, c := range stacks {
						pass.Reportf(c.Pos(), "%s is parsed for the goroutine id: synchronize instead of keeping state per goroutine", exprString(c.Fun))
					}
				}
			})
		}
		return nil, nil
	},
}
