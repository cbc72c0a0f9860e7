package checker

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// StaticRule is a static rule of an exercise: a shortcut that hides a bug instead
// of fixing it, found in the source without running it. Rules compare the
// checked code with the code as shipped (the baseline) where that matters.
type StaticRule struct {
	// Name is the rule's name in the catalog, e.g. "no-sleep".
	Name string
	// Explain says in one sentence what the rule forbids and why.
	Explain string
	check   func(code, baseline *Source) []Finding
}

// Rules lists every rule the checker knows.
var Rules = []StaticRule{
	{
		Name:    "no-sleep",
		Explain: "time.Sleep (or <-time.After) only guesses how long other goroutines take; wait for them with a WaitGroup, a channel or a Cond instead",
		check:   checkNoSleep,
	},
	{
		Name:    "keep-go",
		Explain: "the work must stay concurrent: removing go statements (or WaitGroup.Go calls) hides the bug instead of fixing it",
		check:   checkKeepGo,
	},
	{
		Name:    "keep-build-line",
		Explain: "the //go:build line keeps the exercise's Go version semantics (for example the shared loop variable before Go 1.22); fix the code, not the version",
		check:   checkKeepBuildLine,
	},
	{
		Name:    "no-scheduler",
		Explain: "runtime.Gosched, runtime.GOMAXPROCS and runtime.LockOSThread change the timing, not the synchronization",
		check:   checkNoScheduler,
	},
}

// LookupRule returns the rule with the given name.
func LookupRule(name string) (StaticRule, bool) {
	for _, r := range Rules {
		if r.Name == name {
			return r, true
		}
	}
	return StaticRule{}, false
}

// Source is the parsed non-test Go files of one package.
type Source struct {
	Fset  *token.FileSet
	Files []*ast.File
}

// calls returns the calls to pkgPath.name in src, with the function
// declaration each one is in.
func (src *Source) calls(pkgPath, name string) []call {
	var found []call
	for _, f := range src.Files {
		local := importName(f, pkgPath)
		if local == "" {
			continue
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if isCallOf(c, local, name) {
					found = append(found, call{fn: funcKey(fn), pos: src.Fset.Position(c.Pos())})
				}
				return true
			})
		}
	}
	return found
}

// call is one call found in the source.
type call struct {
	fn  string
	pos token.Position
}

// importName returns the name under which f imports path, or "".
func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if p != path {
			continue
		}
		if imp.Name != nil {
			return imp.Name.Name
		}
		return path[len(path)-len(lastElem(path)):]
	}
	return ""
}

func lastElem(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}

// funcKey names a function declaration, with its receiver type if any.
func funcKey(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// checkNoSleep reports sleeping to wait: more sleeps in the package than
// as shipped. A sleep is a call of time.Sleep or a receive from
// time.After outside a select (<-time.After(d) sleeps just the same). The
// count is the package's, not each function's, so that moving a
// goroutine's body into a function of its own keeps its sleep; the
// findings name the functions that sleep more than they did.
func checkNoSleep(code, baseline *Source) []Finding {
	shipped := map[string]int{}
	total := 0
	if baseline != nil {
		for _, c := range baseline.sleeps() {
			shipped[c.fn]++
			total++
		}
	}
	sleeps := code.sleeps()
	if len(sleeps) <= total {
		return nil
	}
	byFunc := map[string][]call{}
	for _, c := range sleeps {
		byFunc[c.fn] = append(byFunc[c.fn], c)
	}
	var fs []Finding
	for fn, calls := range byFunc {
		if len(calls) <= shipped[fn] {
			continue
		}
		for _, c := range calls {
			fs = append(fs, Finding{Source: "rule:no-sleep", File: c.pos.Filename, Line: c.pos.Line, Column: c.pos.Column,
				Message: fmt.Sprintf("%s sleeps to wait: it sleeps %d time(s) here, %d as shipped", fn, len(calls), shipped[fn])})
		}
	}
	sortFindings(fs)
	return fs
}

// sleeps returns the time.Sleep calls and the receives from time.After
// outside a select in src.
func (src *Source) sleeps() []call {
	found := src.calls("time", "Sleep")
	for _, f := range src.Files {
		local := importName(f, "time")
		if local == "" {
			continue
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				if _, ok := n.(*ast.SelectStmt); ok {
					return false // a timer raced in a select is a timeout, not a sleep
				}
				recv, ok := n.(*ast.UnaryExpr)
				if !ok || recv.Op != token.ARROW {
					return true
				}
				if c, ok := recv.X.(*ast.CallExpr); ok && isCallOf(c, local, "After") {
					found = append(found, call{fn: funcKey(fn), pos: src.Fset.Position(recv.Pos())})
				}
				return true
			})
		}
	}
	return found
}

// isCallOf reports whether c calls pkg.name, pkg being the package's local
// name.
func isCallOf(c *ast.CallExpr, pkg, name string) bool {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}

// checkKeepGo reports code that starts goroutines in fewer places than the
// shipped code.
func checkKeepGo(code, baseline *Source) []Finding {
	if baseline == nil {
		return nil
	}
	have, want := goroutineStarts(code), goroutineStarts(baseline)
	if len(have) >= len(want) {
		return nil
	}
	f := Finding{Source: "rule:keep-go", Message: fmt.Sprintf("goroutines started in %d places as shipped, %d now: keep the work concurrent", len(want), len(have))}
	if len(code.Files) > 0 {
		f.File = code.Fset.Position(code.Files[0].Pos()).Filename
	}
	return []Finding{f}
}

// goroutineStarts returns the places in src that start a goroutine: go
// statements, and calls of a Go method with one argument, which is how
// sync.WaitGroup (Go 1.25) and errgroup.Group start one.
func goroutineStarts(src *Source) []token.Position {
	var ps []token.Position
	for _, f := range src.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt:
				ps = append(ps, src.Fset.Position(n.Pos()))
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Go" && len(n.Args) == 1 {
					ps = append(ps, src.Fset.Position(n.Pos()))
				}
			}
			return true
		})
	}
	return ps
}

// checkNoScheduler reports calls that tune the scheduler.
func checkNoScheduler(code, _ *Source) []Finding {
	var fs []Finding
	for _, name := range []string{"Gosched", "GOMAXPROCS", "LockOSThread"} {
		for _, c := range code.calls("runtime", name) {
			fs = append(fs, Finding{Source: "rule:no-scheduler", File: c.pos.Filename, Line: c.pos.Line, Column: c.pos.Column,
				Message: "runtime." + name + " changes the timing, not the synchronization"})
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Line < fs[j].Line })
	return fs
}

// checkKeepBuildLine reports files whose //go:build line differs from the
// shipped file of the same name.
func checkKeepBuildLine(code, baseline *Source) []Finding {
	if baseline == nil {
		return nil
	}
	shipped := map[string]string{}
	for _, f := range baseline.Files {
		shipped[filepath.Base(baseline.Fset.Position(f.Pos()).Filename)] = buildLine(f)
	}
	var fs []Finding
	for _, f := range code.Files {
		name := code.Fset.Position(f.Pos()).Filename
		want, ok := shipped[filepath.Base(name)]
		if !ok || want == "" || buildLine(f) == want {
			continue
		}
		fs = append(fs, Finding{Source: "rule:keep-build-line", File: name, Line: 1, Message: "the shipped file starts with " + want + ": keep it"})
	}
	return fs
}

// buildLine returns a file's //go:build line, or "".
func buildLine(f *ast.File) string {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//go:build ") {
				return c.Text
			}
		}
	}
	return ""
}
