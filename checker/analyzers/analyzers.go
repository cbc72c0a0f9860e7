// Package analyzers holds racekit's static rules as go/analysis analyzers:
// shortcuts that hide a concurrency bug instead of fixing it, found in the
// source without running it.
//
// The analyzers work on syntax alone: they resolve a package by the name a
// file imports it under and never read pass.TypesInfo, so that the checker
// can run them on a student's parsed files without the go command or a
// type checker (see checker.StaticRule). analysistest type-checks their
// testdata as usual; they simply ignore the types.
//
// Rules that compare the checked code with the code as shipped (the
// baseline) are built by a constructor that takes what the shipped code
// has: NoSleep, NoRecover, KeepGo and KeepBuildLine. Each has a counting
// function (Sleeps, Recovers, GoStarts, BuildLines) that measures the
// shipped files.
package analyzers

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Diagnostic categories that tell the checker how much of a position a
// finding keeps.
const (
	// WholePackage marks a diagnostic about the package as a whole: the
	// position is only its first file's.
	WholePackage = "package"
	// WholeFile marks a diagnostic about a whole file, such as its
	// //go:build line: it is reported at the package clause (where a
	// `// want` comment can follow it) and means the file's first line.
	WholeFile = "file"
)

// importName returns the name under which f imports path, or "" when it
// does not. A blank or dot import counts as not imported.
func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if p != path {
			continue
		}
		if imp.Name != nil {
			if imp.Name.Name == "_" || imp.Name.Name == "." {
				return ""
			}
			return imp.Name.Name
		}
		return p[strings.LastIndex(p, "/")+1:]
	}
	return ""
}

// isPkgCall reports whether c calls pkg.name, pkg being the package's local
// name (never "").
func isPkgCall(c *ast.CallExpr, pkg string, names ...string) bool {
	if pkg == "" {
		return false
	}
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok || id.Name != pkg {
		return false
	}
	for _, n := range names {
		if sel.Sel.Name == n {
			return true
		}
	}
	return false
}

// isMethodCall reports whether c calls a method (or a package function)
// named name with nargs arguments: x.name(...).
func isMethodCall(c *ast.CallExpr, name string, nargs int) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == name && len(c.Args) == nargs
}

// funcKey names a function declaration, with its receiver type if any:
// "run", "Cache.Get".
func funcKey(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	if ix, ok := t.(*ast.IndexExpr); ok {
		t = ix.X
	}
	if ix, ok := t.(*ast.IndexListExpr); ok {
		t = ix.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// Site is one place in the code a rule counts, in the function it is in.
type Site struct {
	// Func is the enclosing function declaration's name ("Type.Method"
	// for a method), or "" at package level.
	Func string
	// Pos is where it is.
	Pos token.Pos
}

// eachDecl calls visit for every top-level declaration of files with the
// name of its function ("" for other declarations).
func eachDecl(files []*ast.File, visit func(fn string, decl ast.Decl)) {
	for _, f := range files {
		for _, d := range f.Decls {
			name := ""
			if fn, ok := d.(*ast.FuncDecl); ok {
				name = funcKey(fn)
			}
			visit(name, d)
		}
	}
}

// perFunc counts sites by function.
func perFunc(sites []Site) map[string]int {
	m := map[string]int{}
	for _, s := range sites {
		m[s.Func]++
	}
	return m
}

// reportExcess reports the sites of every function that has more of them
// than shipped says, when the package as a whole has more than shipped.
// Counting the package first keeps code that only moved (a goroutine's
// body into a function of its own) from being reported.
func reportExcess(pass *analysis.Pass, sites []Site, shipped map[string]int, message func(fn string, have, had int) string) {
	total := 0
	for _, n := range shipped {
		total += n
	}
	if len(sites) <= total {
		return
	}
	have := perFunc(sites)
	for _, s := range sites {
		if have[s.Func] > shipped[s.Func] {
			pass.Reportf(s.Pos, "%s", message(s.Func, have[s.Func], shipped[s.Func]))
		}
	}
}

// exprString formats an expression for a message.
func exprString(e ast.Expr) string { return types.ExprString(e) }

// eachFuncBody calls visit with the body of every function of f, declared
// or literal, outer ones first.
func eachFuncBody(f *ast.File, visit func(*ast.BlockStmt)) {
	ast.Inspect(f, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch fn := n.(type) {
		case *ast.FuncDecl:
			body = fn.Body
		case *ast.FuncLit:
			body = fn.Body
		}
		if body != nil {
			visit(body)
		}
		return true
	})
}

// inspectNoFuncLit walks n like ast.Inspect but does not enter function
// literals, whose bodies run elsewhere.
func inspectNoFuncLit(n ast.Node, f func(ast.Node) bool) {
	ast.Inspect(n, func(m ast.Node) bool {
		if _, ok := m.(*ast.FuncLit); ok && m != n {
			return false
		}
		return f(m)
	})
}

// stringLit returns the value of a string literal, or false.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// funcName returns the name of the function in whose name the callee is
// written: "f" for f(x), "Go" for wg.Go(x), "" otherwise.
func funcName(c *ast.CallExpr) string {
	switch fun := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		return fun.Name
	case *ast.SelectorExpr:
		return fun.Sel.Name
	case *ast.IndexExpr: // a generic function instantiated explicitly
		if id, ok := fun.X.(*ast.Ident); ok {
			return id.Name
		}
	}
	return ""
}
