package analyzers

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
)

// KeepGo returns the keep-go analyzer: it reports a package that starts
// goroutines in fewer places than the shipped code's shipped (see
// GoStarts). The diagnostic is about the whole package (WholePackage).
func KeepGo(shipped int) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "keepgo",
		Doc:  "report code that starts goroutines in fewer places than the shipped code",
		Run: func(pass *analysis.Pass) (any, error) {
			have := GoStarts(pass.Files)
			if have >= shipped || len(pass.Files) == 0 {
				return nil, nil
			}
			pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Category: WholePackage,
				Message: fmt.Sprintf("goroutines started in %s as shipped, %d now: keep the work concurrent", places(shipped), have)})
			return nil, nil
		},
	}
}

// places says "1 place" or "N places".
func places(n int) string {
	if n == 1 {
		return "1 place"
	}
	return fmt.Sprintf("%d places", n)
}

// GoStarts counts the places in files that start a goroutine, in every
// way a fix may: go statements; calls of a Go method with one argument
// (sync.WaitGroup.Go, errgroup.Group.Go); time.AfterFunc and
// context.AfterFunc; and calls that hand a function to the package's own
// functions and methods that start one (a helper such as spawn(f) whose
// body says go f(), be it declared or a function literal given a name),
// however deep.
func GoStarts(files []*ast.File) int {
	// starters are the names of the package's functions that start a
	// goroutine, directly or through another; found to a fixed point.
	starters := map[string]bool{}
	// bodies are the package's functions by name: its declared functions
	// and methods, and the function literals it names (spawn := func...).
	type body struct {
		name string
		body *ast.BlockStmt
	}
	var decls []body
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil {
					decls = append(decls, body{n.Name.Name, n.Body})
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if lit, ok := rhsAt(n.Rhs, i, len(n.Lhs)).(*ast.FuncLit); ok {
						decls = append(decls, body{lastName(lhs), lit.Body})
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if lit, ok := rhsAt(n.Values, i, len(n.Names)).(*ast.FuncLit); ok {
						decls = append(decls, body{id.Name, lit.Body})
					}
				}
			}
			return true
		})
	}
	// funcs are the names a function value may be passed by: the
	// functions above and the parameters and fields of a func type.
	funcs := map[string]bool{}
	for _, d := range decls {
		funcs[d.name] = true
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if fd, ok := n.(*ast.Field); ok {
				if _, ok := fd.Type.(*ast.FuncType); ok {
					for _, id := range fd.Names {
						funcs[id.Name] = true
					}
				}
			}
			return true
		})
	}
	count := func(n ast.Node) int {
		c := 0
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				c++
			case *ast.CallExpr:
				if startsGoroutine(n, starters, funcs) {
					c++
				}
			}
			return true
		})
		return c
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range decls {
			if fn.name != "" && !starters[fn.name] && count(fn.body) > 0 {
				starters[fn.name] = true
				changed = true
			}
		}
	}
	total := 0
	for _, f := range files {
		total += count(f)
	}
	return total
}

// rhsAt returns the value assigned to the i-th of n names, or nil when
// one call returns them all.
func rhsAt(values []ast.Expr, i, n int) ast.Expr {
	if len(values) != n {
		return nil
	}
	return ast.Unparen(values[i])
}

// startsGoroutine reports whether the call c starts a goroutine: x.Go(f),
// time.AfterFunc, context.AfterFunc, or a call of one of starters that
// hands it a function to run (spawn(work), spawn(func() {...})). A call of
// a starter that passes no function, such as main calling run, is not a
// place of its own: the go statements in run already count.
func startsGoroutine(c *ast.CallExpr, starters, funcs map[string]bool) bool {
	name := funcName(c)
	switch {
	case name == "Go" && len(c.Args) == 1:
		return true
	case name == "AfterFunc" && len(c.Args) == 2:
		return true
	case !starters[name]:
		return false
	}
	for _, a := range c.Args {
		switch a := ast.Unparen(a).(type) {
		case *ast.FuncLit:
			return true
		case *ast.Ident:
			if funcs[a.Name] {
				return true
			}
		case *ast.SelectorExpr:
			if funcs[a.Sel.Name] {
				return true
			}
		}
	}
	return false
}
