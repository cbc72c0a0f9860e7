package analyzers

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// AtomicRMW reports a read-modify-write made of two atomic operations:
// x.Store(f(x.Load())) (or Swap) on the same receiver, and
// atomic.StoreT(&x, f(atomic.LoadT(&x))), also when the loaded value goes
// through local variables first (p := x.Load(); v := f(*p); x.Store(&v)). Each step is atomic but the
// pair is not: an update another goroutine makes between the Load and the
// Store is lost. A function that takes a lock before the Store is left
// alone, since the lock makes the pair atomic.
var AtomicRMW = &analysis.Analyzer{
	Name: "atomicrmw",
	Doc:  "report x.Store(..x.Load()..) read-modify-writes that lose updates",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			atomic := importName(f, "sync/atomic")
			eachDecl([]*ast.File{f}, func(_ string, d ast.Decl) {
				var locks []token.Pos
				ast.Inspect(d, func(n ast.Node) bool {
					if c, ok := n.(*ast.CallExpr); ok && (isMethodCall(c, "Lock", 0) || isMethodCall(c, "RLock", 0)) {
						locks = append(locks, c.Pos())
					}
					return true
				})
				// derived maps a local variable to the targets whose loaded
				// value it holds: p := x.Load(); old = *p; v := f(old).
				derived := map[string]map[string]bool{}
				fromLoad := func(e ast.Expr, target string) bool {
					if loads(e, target, atomic) {
						return true
					}
					for _, v := range identNames(e) {
						if derived[v][target] {
							return true
						}
					}
					return false
				}
				assign := func(lhs []ast.Expr, rhs []ast.Expr) {
					for i, l := range lhs {
						id, ok := l.(*ast.Ident)
						if !ok || id.Name == "_" {
							continue
						}
						r := rhsAt(rhs, i, len(lhs))
						if r == nil && len(rhs) == 1 {
							r = rhs[0]
						}
						if r == nil {
							continue
						}
						for _, t := range loadTargets(r, atomic, derived) {
							if derived[id.Name] == nil {
								derived[id.Name] = map[string]bool{}
							}
							derived[id.Name][t] = true
						}
					}
				}
				// stack holds the nodes from d down to the one visited, so
				// that a CompareAndSwap knows whether its result is used and
				// whether a loop retries it.
				var stack []ast.Node
				ast.Inspect(d, func(n ast.Node) bool {
					if n == nil {
						stack = stack[:len(stack)-1]
						return true
					}
					stack = append(stack, n)
					switch n := n.(type) {
					case *ast.AssignStmt:
						assign(n.Lhs, n.Rhs)
					case *ast.ValueSpec:
						lhs := make([]ast.Expr, len(n.Names))
						for i, id := range n.Names {
							lhs[i] = id
						}
						assign(lhs, n.Values)
					}
					c, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					if target, old, new := casOf(c, atomic); target != "" && (fromLoad(old, target) || fromLoad(new, target)) {
						if why := casNotRetried(stack); why != "" {
							pass.Reportf(c.Pos(), "lost update: %s %s, so when another goroutine changed %s since the Load the update is simply lost; retry in a loop until CompareAndSwap returns true, or use Add", exprString(c.Fun), why, target)
						}
						return true
					}
					target, value := storeOf(c, atomic)
					if target == "" || !fromLoad(value, target) {
						return true
					}
					for _, l := range locks {
						if l < c.Pos() {
							return true
						}
					}
					fix := "use " + addName(c, target, atomic) + " or CompareAndSwap"
					if u, ok := ast.Unparen(value).(*ast.UnaryExpr); ok && u.Op == token.AND {
						fix = "use CompareAndSwap in a loop" // a pointer: nothing to Add
					}
					pass.Reportf(c.Pos(), "lost update: %s writes back what was loaded from %s, and an update made in between is lost; %s", exprString(c.Fun), target, fix)
					return true
				})
			})
		}
		return nil, nil
	},
}

// storeOf returns what the call c stores to, as written, and the value it
// stores: x.Store(v) and x.Swap(v) give "x"; atomic.StoreInt64(&x, v) and
// atomic.SwapInt64(&x, v) give "&x".
func storeOf(c *ast.CallExpr, atomic string) (string, ast.Expr) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", nil
	}
	if id, ok := sel.X.(*ast.Ident); ok && atomic != "" && id.Name == atomic {
		if len(c.Args) == 2 && (strings.HasPrefix(sel.Sel.Name, "Store") || strings.HasPrefix(sel.Sel.Name, "Swap")) {
			return exprString(c.Args[0]), c.Args[1]
		}
		return "", nil
	}
	if (sel.Sel.Name == "Store" || sel.Sel.Name == "Swap") && len(c.Args) == 1 {
		return exprString(sel.X), c.Args[0]
	}
	return "", nil
}

// loads reports whether v loads target atomically: target.Load() or
// atomic.LoadT(target).
func loads(v ast.Expr, target, atomic string) bool {
	found := false
	ast.Inspect(v, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && atomic != "" && id.Name == atomic {
			found = strings.HasPrefix(sel.Sel.Name, "Load") && len(c.Args) == 1 && exprString(c.Args[0]) == target
		} else {
			found = sel.Sel.Name == "Load" && len(c.Args) == 0 && exprString(sel.X) == target
		}
		return !found
	})
	return found
}

// loadTargets returns what e loads from, directly (x.Load(),
// atomic.LoadT(&x)) or through a variable derived from a load.
func loadTargets(e ast.Expr, atomic string, derived map[string]map[string]bool) []string {
	var ts []string
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && atomic != "" && id.Name == atomic {
				if strings.HasPrefix(sel.Sel.Name, "Load") && len(n.Args) == 1 {
					ts = append(ts, exprString(n.Args[0]))
				}
			} else if sel.Sel.Name == "Load" && len(n.Args) == 0 {
				ts = append(ts, exprString(sel.X))
			}
		case *ast.Ident:
			for t := range derived[n.Name] {
				ts = append(ts, t)
			}
		}
		return true
	})
	return ts
}

// addName says what to call instead: x.Add or atomic.AddT.
func addName(c *ast.CallExpr, target, atomic string) string {
	sel := c.Fun.(*ast.SelectorExpr)
	if id, ok := sel.X.(*ast.Ident); ok && atomic != "" && id.Name == atomic {
		return atomic + ".Add" + strings.TrimPrefix(strings.TrimPrefix(sel.Sel.Name, "Store"), "Swap")
	}
	return target + ".Add"
}

// casOf returns what the call c compares and swaps, as written, and its
// old and new values: x.CompareAndSwap(old, new) gives "x" and
// atomic.CompareAndSwapInt64(&x, old, new) gives "&x".
func casOf(c *ast.CallExpr, atomic string) (target string, old, new ast.Expr) {
	sel, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", nil, nil
	}
	if id, ok := sel.X.(*ast.Ident); ok && atomic != "" && id.Name == atomic {
		if len(c.Args) == 3 && strings.HasPrefix(sel.Sel.Name, "CompareAndSwap") {
			return exprString(c.Args[0]), c.Args[1], c.Args[2]
		}
		return "", nil, nil
	}
	if sel.Sel.Name == "CompareAndSwap" && len(c.Args) == 2 {
		return exprString(sel.X), c.Args[0], c.Args[1]
	}
	return "", nil, nil
}

// casNotRetried says why the CompareAndSwap call at the top of stack is
// not retried when it fails, or "" when it may be: its result is thrown
// away, or no loop of its own function surrounds it.
func casNotRetried(stack []ast.Node) string {
	i := len(stack) - 1
	for i > 1 {
		if _, ok := stack[i-1].(*ast.ParenExpr); !ok {
			break
		}
		i--
	}
	call, parent := stack[i], stack[i-1]
	switch p := parent.(type) {
	case *ast.ExprStmt:
		return "ignores whether it swapped"
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == call && i < len(p.Lhs) {
				if id, ok := p.Lhs[i].(*ast.Ident); ok && id.Name == "_" {
					return "ignores whether it swapped"
				}
			}
		}
	}
	for i--; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return ""
		case *ast.FuncLit, *ast.FuncDecl:
			return "is tried only once"
		}
	}
	return "is tried only once"
}
