package checker

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// raceSite is the expression that one access of a race touched, found on
// the access's line.
type raceSite struct {
	expr ast.Expr
	// name is the expression as written, index expressions left out:
	// "views", "c.hits", "seen".
	name   string
	column int
	// pattern is what the statement does to a written expression:
	// "increment" (x++ or x += y), "append" (x = append(x, ...)) or "".
	pattern string
	// stmt is that statement as written: "views++".
	stmt string
	// kit is set for a value the code writes its output to (an
	// io.Writer, a racetest helper): never the variable to guard.
	kit bool
}

// operands lists what a line writes and what it reads, in source order,
// each expression once. Only variables count: calls, types, constants and
// package names do not.
func (f *sourceFile) operands(line int) (writes, reads []raceSite) {
	defined := map[ast.Expr]bool{} // written by a plain assignment: not read
	seen := map[string]bool{}
	addWrite := func(e ast.Expr, pattern, stmt string) {
		e = baseExpr(e)
		if id, ok := e.(*ast.Ident); ok && id.Name == "_" {
			return
		}
		writes = append(writes, raceSite{expr: e, name: types.ExprString(e), column: f.columnOf(e.Pos()), pattern: pattern, stmt: stmt})
	}
	f.withParents(func(n ast.Node, parents []ast.Node) {
		if f.lineOf(n.Pos()) != line {
			return
		}
		switch s := n.(type) {
		case *ast.IncDecStmt:
			addWrite(s.X, "increment", types.ExprString(s.X)+s.Tok.String())
		case *ast.AssignStmt:
			for i, lhs := range s.Lhs {
				switch s.Tok {
				case token.DEFINE:
					defined[baseExpr(lhs)] = true
				case token.ASSIGN:
					defined[baseExpr(lhs)] = true
					addWrite(lhs, appendPattern(lhs, s.Rhs, i), types.ExprString(lhs)+" = append(...)")
				default:
					addWrite(lhs, "increment", types.ExprString(lhs)+" "+s.Tok.String()+" ...")
				}
			}
		case *ast.RangeStmt:
			if s.Tok == token.ASSIGN {
				for _, e := range []ast.Expr{s.Key, s.Value} {
					if e != nil {
						defined[baseExpr(e)] = true
						addWrite(e, "", "")
					}
				}
			}
		}
		e, ok := n.(ast.Expr)
		if !ok || defined[e] || !f.isOperand(e, parents) {
			return
		}
		name := types.ExprString(e)
		if !seen[name] {
			seen[name] = true
			reads = append(reads, raceSite{expr: e, name: name, column: f.columnOf(e.Pos()), kit: f.isKitValue(e, parents)})
		}
	})
	for i := range writes {
		if writes[i].pattern == "" {
			writes[i].stmt = ""
		}
	}
	return writes, reads
}

// appendPattern returns "append" when the i-th right-hand side appends to
// the left-hand side it is assigned to.
func appendPattern(lhs ast.Expr, rhs []ast.Expr, i int) string {
	if i >= len(rhs) {
		return ""
	}
	call, ok := rhs[i].(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return ""
	}
	if fn, ok := call.Fun.(*ast.Ident); ok && fn.Name == "append" && types.ExprString(baseExpr(call.Args[0])) == types.ExprString(baseExpr(lhs)) {
		return "append"
	}
	return ""
}

// baseExpr strips what does not change which variable an expression
// names: parentheses, dereferences, address-of and indexing.
func baseExpr(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return e
			}
			e = x.X
		default:
			return e
		}
	}
}

// isOperand reports whether e names a variable that the statement reads:
// an identifier or a field selector, not a function called, a type, a
// constant, a package, or a part of a longer selector.
func (f *sourceFile) isOperand(e ast.Expr, parents []ast.Node) bool {
	var parent ast.Node
	if len(parents) > 0 {
		parent = parents[len(parents)-1]
	}
	for _, p := range parents {
		switch p.(type) {
		case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType, *ast.InterfaceType:
			return false
		}
	}
	if call, ok := parent.(*ast.CallExpr); ok && call.Fun == e {
		return false
	}
	if kv, ok := parent.(*ast.KeyValueExpr); ok && kv.Key == e {
		if len(parents) > 1 {
			if _, lit := parents[len(parents)-2].(*ast.CompositeLit); lit {
				return false
			}
		}
	}
	if _, ok := parent.(*ast.SelectorExpr); ok {
		return false // the selector as a whole is the operand, or a call's target
	}
	switch x := e.(type) {
	case *ast.Ident:
		switch {
		case x.Name == "_", x.Name == "nil", x.Name == "true", x.Name == "false", x.Name == "iota":
			return false
		case x.Obj == nil:
			return !f.imports[x.Name] && !isPredeclared(x.Name)
		default:
			return x.Obj.Kind == ast.Var
		}
	case *ast.SelectorExpr:
		return true // a field, or a package's variable like pkg.Total
	}
	return false
}

// isPredeclared reports whether name is one of Go's predeclared types or
// functions, which an unresolved identifier may be.
func isPredeclared(name string) bool {
	return types.Universe.Lookup(name) != nil
}

// site finds the expression one access touched on its line: a written
// one for a write; preferably the one named want (the other access's, or
// the variable the report names).
func (f *sourceFile) site(line int, write bool, want string) (raceSite, bool) {
	writes, reads := f.operands(line)
	first, second := reads, writes
	if write {
		first, second = writes, reads
	}
	if want != "" {
		for _, list := range [][]raceSite{first, second} {
			for _, s := range list {
				if s.name == want || strings.HasSuffix(s.name, "."+want) {
					return s, true
				}
			}
		}
	}
	if write && want != "" {
		// A return statement writes a function's named results.
		if ret := f.returnOn(line); ret != nil {
			return raceSite{name: want, column: f.columnOf(ret.Pos())}, true
		}
	}
	for _, list := range [][]raceSite{first, second} {
		for _, s := range list {
			if !s.kit {
				return s, true
			}
		}
	}
	return raceSite{}, false
}

// returnOn returns the return statement that starts on a line, or nil.
func (f *sourceFile) returnOn(line int) *ast.ReturnStmt {
	var ret *ast.ReturnStmt
	f.withParents(func(n ast.Node, _ []ast.Node) {
		if r, ok := n.(*ast.ReturnStmt); ok && ret == nil && f.lineOf(r.Pos()) == line {
			ret = r
		}
	})
	return ret
}

// variableKind says what kind of variable a race site names: "field",
// "global", "named-result", "loop-variable", "captured-variable" or
// "local". accesses are where the race's accesses are: one inside a
// function literal that does not declare the variable captured it.
func (f *sourceFile) variableKind(s raceSite, accesses []token.Pos) string {
	switch x := s.expr.(type) {
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil && f.imports[id.Name] {
			return "global"
		}
		return "field"
	case *ast.Ident:
		if x.Obj == nil {
			return "global"
		}
		decl := f.declaration(x.Obj)
		where := f.declaredIn(decl)
		if where == "global" {
			return where
		}
		captured := false
		for _, p := range accesses {
			if lit, ok := f.enclosingFunc(p).(*ast.FuncLit); ok && !(lit.Pos() <= decl && decl < lit.End()) {
				captured = true
			}
		}
		switch {
		case where == "result":
			return "named-result"
		case where == "loop" && captured:
			return "loop-variable"
		case captured:
			return "captured-variable"
		}
		return "local"
	}
	return ""
}

// declaration returns the position where an object's name first appears:
// its declaration.
func (f *sourceFile) declaration(obj *ast.Object) token.Pos {
	first := token.NoPos
	ast.Inspect(f.ast, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Obj == obj && (first == token.NoPos || id.Pos() < first) {
			first = id.Pos()
		}
		return true
	})
	return first
}

// declaredIn says where a declaration is: "global" outside any function,
// "result" among a function's named results, "loop" in a for or range
// clause, else "local".
func (f *sourceFile) declaredIn(p token.Pos) string {
	where := "global"
	f.withParents(func(n ast.Node, _ []ast.Node) {
		if n.Pos() > p || p >= n.End() {
			return
		}
		switch s := n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			if where == "global" {
				where = "local"
			}
		case *ast.FuncType:
			if s.Results != nil && s.Results.Pos() <= p && p < s.Results.End() {
				where = "result"
			}
		case *ast.ForStmt:
			if s.Init != nil && s.Init.Pos() <= p && p < s.Init.End() {
				where = "loop"
			}
		case *ast.RangeStmt:
			if s.Key != nil && s.Key.Pos() <= p && (s.Value == nil && p < s.Key.End() || s.Value != nil && p < s.Value.End()) {
				where = "loop"
			}
		}
	})
	return where
}

// readLockHeld says which read lock is held at a written position: an
// x.RLock() earlier in the same function that no RUnlock released, as
// "c.mu.RLock at main.go:36"; "" if none.
func (f *sourceFile) readLockHeld(p token.Pos) string {
	fn := f.enclosingFunc(p)
	if fn == nil {
		return ""
	}
	held, at := "", 0
	ast.Inspect(fn, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.DeferStmt:
			return false
		case *ast.CallExpr:
			if x.Pos() >= p {
				return false
			}
			if m := mutexOf(x, "RLock"); m != "" {
				held, at = m, f.lineOf(x.Pos())
			} else if m := mutexOf(x, "RUnlock"); m != "" && m == held {
				held = ""
			}
		}
		return true
	})
	if held == "" {
		return ""
	}
	return fmt.Sprintf("%s.RLock at %s:%d", held, baseName(f.fset.Position(p).Filename), at)
}

// checkedBefore reports whether a written expression is set inside an if
// statement that checks it is still unset (x == nil, x == 0, x == ""):
// check-then-act lazy initialisation.
func (f *sourceFile) checkedBefore(s raceSite) bool {
	if s.expr == nil {
		return false
	}
	found := false
	f.withParents(func(n ast.Node, _ []ast.Node) {
		ifs, ok := n.(*ast.IfStmt)
		if !ok || found || !(ifs.Body.Pos() <= s.expr.Pos() && s.expr.Pos() < ifs.Body.End()) {
			return
		}
		ast.Inspect(ifs.Cond, func(c ast.Node) bool {
			if b, ok := c.(*ast.BinaryExpr); ok && b.Op == token.EQL && types.ExprString(b.X) == s.name && isZeroValue(b.Y) {
				found = true
			}
			return !found
		})
	})
	return found
}

// isZeroValue reports whether e is nil, 0, "" or false as written.
func isZeroValue(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "nil" || x.Name == "false"
	case *ast.BasicLit:
		return x.Value == "0" || x.Value == `""`
	}
	return false
}

// closedOn returns the channel that a close call on line n closes, as
// written, or "".
func (f *sourceFile) closedOn(n int) string {
	ch := ""
	f.withParents(func(node ast.Node, _ []ast.Node) {
		if call, ok := node.(*ast.CallExpr); ok && ch == "" && f.lineOf(call.Pos()) == n && len(call.Args) == 1 {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "close" {
				ch = types.ExprString(call.Args[0])
			}
		}
	})
	return ch
}

// sentOn returns the channel that a send statement on line n sends on, as
// written, or "".
func (f *sourceFile) sentOn(n int) string {
	ch := ""
	f.withParents(func(node ast.Node, _ []ast.Node) {
		if send, ok := node.(*ast.SendStmt); ok && ch == "" && f.lineOf(send.Pos()) == n {
			ch = types.ExprString(send.Chan)
		}
	})
	return ch
}

// channelColumn returns the column of the close call (op "close") or the
// send statement (op "send") on line n; 0 if there is none.
func (f *sourceFile) channelColumn(n int, op string) int {
	col := 0
	f.withParents(func(node ast.Node, _ []ast.Node) {
		if col != 0 || f.lineOf(node.Pos()) != n {
			return
		}
		switch x := node.(type) {
		case *ast.SendStmt:
			if op == "send" {
				col = f.columnOf(x.Pos())
			}
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "close" && op == "close" {
				col = f.columnOf(x.Pos())
			}
		}
	})
	return col
}

// calleeOn returns the function value that line n calls, as written
// ("emit", "c.load"), and its column: the first call on the line of a
// variable or a field rather than of a declared function; "" if none.
func (f *sourceFile) calleeOn(n int) (string, int) {
	name, col := "", 0
	f.withParents(func(node ast.Node, _ []ast.Node) {
		call, ok := node.(*ast.CallExpr)
		if !ok || name != "" || f.lineOf(call.Pos()) != n {
			return
		}
		switch fn := call.Fun.(type) {
		case *ast.Ident:
			if fn.Obj != nil && fn.Obj.Kind == ast.Var {
				name, col = fn.Name, f.columnOf(fn.Pos())
			}
		case *ast.SelectorExpr:
			if id, ok := fn.X.(*ast.Ident); ok && !(id.Obj == nil && f.imports[id.Name]) {
				name, col = types.ExprString(fn), f.columnOf(fn.Pos())
			}
		}
	})
	return name, col
}

// aliasOf reports whether a race site is a local variable made from a
// package-level one (b := scratch[:0], p := &table): it returns the
// package-level variable, as written, and the function the local is in;
// "" when the site is anything else.
func (f *sourceFile) aliasOf(s raceSite) (global, fn string) {
	id, ok := s.expr.(*ast.Ident)
	if !ok || id.Obj == nil || id.Obj.Kind != ast.Var {
		return "", ""
	}
	var init ast.Expr
	switch d := id.Obj.Decl.(type) {
	case *ast.AssignStmt:
		for i, lhs := range d.Lhs {
			if l, ok := lhs.(*ast.Ident); ok && l.Name == id.Name && i < len(d.Rhs) && len(d.Lhs) == len(d.Rhs) {
				init = d.Rhs[i]
			}
		}
	case *ast.ValueSpec:
		for i, name := range d.Names {
			if name.Name == id.Name && i < len(d.Values) {
				init = d.Values[i]
			}
		}
	}
	if init == nil || f.declaredIn(f.declaration(id.Obj)) == "global" {
		return "", ""
	}
	for {
		if sl, ok := init.(*ast.SliceExpr); ok {
			init = sl.X
			continue
		}
		if b := baseExpr(init); b != init {
			init = b
			continue
		}
		break
	}
	src, ok := init.(*ast.Ident)
	if !ok || src.Obj == nil || src.Obj.Kind != ast.Var || f.declaredIn(f.declaration(src.Obj)) != "global" {
		return "", ""
	}
	return src.Name, funcNameOf(f.enclosingFunc(id.Pos()))
}

// isKitValue reports whether an identifier names a value the program
// writes to rather than one it shares: the first argument of a
// fmt.Fprint call, or a variable declared as an io.Writer or as one of
// the kit's racetest helpers. Such a value is never the one to guard.
func (f *sourceFile) isKitValue(e ast.Expr, parents []ast.Node) bool {
	if len(parents) > 0 {
		if call, ok := parents[len(parents)-1].(*ast.CallExpr); ok && len(call.Args) > 0 && call.Args[0] == e {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Fprint") && types.ExprString(sel.X) == "fmt" {
				return true
			}
		}
	}
	id, ok := e.(*ast.Ident)
	if !ok || id.Obj == nil {
		return false
	}
	var typ ast.Expr
	switch d := id.Obj.Decl.(type) {
	case *ast.Field:
		typ = d.Type
	case *ast.ValueSpec:
		typ = d.Type
		if typ == nil && len(d.Values) > 0 {
			typ = d.Values[0]
		}
	case *ast.AssignStmt:
		if len(d.Rhs) > 0 {
			typ = d.Rhs[0]
		}
	}
	if typ == nil {
		return false
	}
	t := types.ExprString(typ)
	return t == "io.Writer" || strings.Contains(t, "racetest.")
}

// copiedLock reports whether a race site is reached through a method's
// value receiver while the method holds a mutex of that receiver: each
// call locks its own copy of the mutex. It returns the method ("Tally.Add"),
// the receiver as declared ("t Tally") and the lock held.
func (f *sourceFile) copiedLock(s raceSite) (method, recv string, lock heldLock, ok bool) {
	sel, isSel := s.expr.(*ast.SelectorExpr)
	if !isSel || f == nil || f.ast == nil {
		return "", "", heldLock{}, false
	}
	root := sel.X
	for {
		if x, ok := root.(*ast.SelectorExpr); ok {
			root = x.X
			continue
		}
		break
	}
	id, isIdent := root.(*ast.Ident)
	if !isIdent {
		return "", "", heldLock{}, false
	}
	var decl *ast.FuncDecl
	for _, d := range f.ast.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Pos() <= s.expr.Pos() && s.expr.Pos() < fd.End() {
			decl = fd
		}
	}
	if decl == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return "", "", heldLock{}, false
	}
	field := decl.Recv.List[0]
	if _, ptr := field.Type.(*ast.StarExpr); ptr || field.Names[0].Name != id.Name {
		return "", "", heldLock{}, false
	}
	for _, h := range f.heldAt(f.lineOf(s.expr.Pos())) {
		if strings.HasPrefix(h.mutex, id.Name+".") {
			return funcNameOf(decl), id.Name + " " + types.ExprString(field.Type), h, true
		}
	}
	return "", "", heldLock{}, false
}
