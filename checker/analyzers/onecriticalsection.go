package analyzers

import (
	"go/ast"
	"go/token"
	"maps"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// OneCriticalSection reports a check and its write split over two critical
// sections of one mutex: a function reads a shared variable (a package
// variable, one its closure captured, or a field or element reached through
// a receiver or parameter) while holding M, unlocks M, and later writes that
// variable under M again. Between the two sections another goroutine can
// take M and change the variable, so the write acts on a stale check: an
// update is lost, or two goroutines both do what only one should. It also
// reports a write under M of a variable last read without holding M.
//
// A call of a method of the package that locks its receiver's mutex (InStock
// calling inv.mu.Lock) counts as a critical section of its own that reads
// and writes what the method does; a method that does not lock counts as
// reading and writing in its caller's section.
//
// Some correct code reads and writes a variable in two sections and is left
// alone: the write's section re-reads the variable first (the check
// repeated under the lock), another lock is held across both sections (a
// per-key mutex), or the first section claimed the work: it read a variable
// and set it (an in-flight entry), or wrote something that the second
// section writes too (and so releases), so that no other goroutine acts on
// the same check.
var OneCriticalSection = &analysis.Analyzer{
	Name: "onecriticalsection",
	Doc:  "report a variable checked in one critical section and written in a later one of the same mutex",
	Run: func(pass *analysis.Pass) (any, error) {
		sums := summaries(pass.Files)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch fn := n.(type) {
				case *ast.FuncDecl:
					if fn.Body != nil {
						checkSections(pass, fn.Recv, fn.Type, fn.Body, sums)
					}
				case *ast.FuncLit:
					checkSections(pass, nil, fn.Type, fn.Body, sums)
				}
				return true
			})
		}
		return nil, nil
	},
}

// methodSummary is what a method does to its receiver's fields, by field
// path relative to the receiver ("stock", "cfg.limit").
type methodSummary struct {
	mutex         string // the receiver's mutex it locks, or ""
	reads, writes []string
}

// summaries sums up the methods of files, by name; a name that more than
// one type declares is left out, since syntax cannot tell which is called.
func summaries(files []*ast.File) map[string]*methodSummary {
	type method struct {
		recv string
		body *ast.BlockStmt
	}
	byName := map[string][]method{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil || fn.Recv == nil || len(fn.Recv.List) != 1 || len(fn.Recv.List[0].Names) != 1 {
				continue
			}
			byName[fn.Name.Name] = append(byName[fn.Name.Name], method{fn.Recv.List[0].Names[0].Name, fn.Body})
		}
	}
	sums := map[string]*methodSummary{}
	calls := map[string][]string{} // methods each one calls on its receiver
	for name, ms := range byName {
		if len(ms) != 1 {
			continue
		}
		m := ms[0]
		s := &methodSummary{}
		reads, writes := map[string]bool{}, map[string]bool{}
		prefix := m.recv + "."
		field := func(key string) (string, bool) {
			return strings.CutPrefix(key, prefix)
		}
		inspectNoFuncLit(m.body, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if mu, ok := lockCall(c); ok && s.mutex == "" {
				if f, ok := field(mu); ok {
					s.mutex = f
				}
			}
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == m.recv {
					calls[name] = append(calls[name], sel.Sel.Name)
				}
			}
			return true
		})
		accesses(m.body, func(key string, write bool, _ token.Pos) {
			f, ok := field(key)
			if !ok || f == s.mutex || strings.HasPrefix(f, s.mutex+".") && s.mutex != "" {
				return
			}
			if write {
				writes[f] = true
			} else {
				reads[f] = true
			}
		})
		s.reads, s.writes = keys(reads), keys(writes)
		sums[name] = s
	}
	// A method that calls a non-locking helper on its receiver reads and
	// writes what the helper does (InStock calling inStockLocked); two
	// rounds reach a helper's helper.
	for range 2 {
		for name, callees := range calls {
			s := sums[name]
			if s == nil {
				continue
			}
			for _, c := range callees {
				if h := sums[c]; h != nil && h.mutex == "" && h != s {
					s.reads = union(s.reads, h.reads)
					s.writes = union(s.writes, h.writes)
				}
			}
		}
	}
	return sums
}

// keys returns the keys of m in no particular order.
func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// union returns a with the elements of b it lacks.
func union(a, b []string) []string {
	for _, x := range b {
		found := false
		for _, y := range a {
			found = found || x == y
		}
		if !found {
			a = append(a, x)
		}
	}
	return a
}

// lockCall returns the mutex that c locks, as written, for X.Lock() and
// X.RLock().
func lockCall(c *ast.CallExpr) (string, bool) {
	if isMethodCall(c, "Lock", 0) || isMethodCall(c, "RLock", 0) {
		return exprString(c.Fun.(*ast.SelectorExpr).X), true
	}
	return "", false
}

// unlockCall returns the mutex that c unlocks, for X.Unlock() and
// X.RUnlock().
func unlockCall(c *ast.CallExpr) (string, bool) {
	if isMethodCall(c, "Unlock", 0) || isMethodCall(c, "RUnlock", 0) {
		return exprString(c.Fun.(*ast.SelectorExpr).X), true
	}
	return "", false
}

// location returns the variable an expression reads or writes, as its
// root identifier and a key without indexes: c.values[key] is "c.values"
// rooted at "c", *p is "p".
func location(e ast.Expr) (root, key string, ok bool) {
	switch e := e.(type) {
	case *ast.Ident:
		if e.Name == "_" {
			return "", "", false
		}
		return e.Name, e.Name, true
	case *ast.SelectorExpr:
		root, key, ok := location(e.X)
		return root, key + "." + e.Sel.Name, ok
	case *ast.IndexExpr:
		return location(e.X)
	case *ast.IndexListExpr:
		return location(e.X)
	case *ast.StarExpr:
		return location(e.X)
	case *ast.ParenExpr:
		return location(e.X)
	}
	return "", "", false
}

// indexes calls visit for the index expressions inside a location
// expression: key in c.values[key].
func indexes(e ast.Expr, visit func(ast.Expr)) {
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			visit(x.Index)
			e = x.X
		case *ast.IndexListExpr:
			for _, i := range x.Indices {
				visit(i)
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		default:
			return
		}
	}
}

// accesses calls access for every variable body reads or writes, in
// source order, without entering function literals; a compound assignment
// (x += 1, x++) counts as a write only.
func accesses(body ast.Node, access func(key string, write bool, pos token.Pos)) {
	var expr func(e ast.Expr)
	expr = func(e ast.Expr) {
		if e == nil {
			return
		}
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if _, isIdent := sel.X.(*ast.Ident); !isIdent {
						expr(sel.X)
					}
				} else {
					expr(n.Fun)
				}
				for _, a := range n.Args {
					expr(a)
				}
				return false
			case *ast.KeyValueExpr:
				if _, ok := n.Key.(*ast.Ident); ok { // a field name in a composite literal
					expr(n.Value)
					return false
				}
			case ast.Expr:
				if _, key, ok := location(n); ok {
					access(key, false, n.Pos())
					indexes(n, expr)
					return false
				}
			}
			return true
		})
	}
	write := func(e ast.Expr) {
		indexes(e, expr)
		if _, key, ok := location(e); ok {
			access(key, true, e.Pos())
		}
	}
	inspectNoFuncLit(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				expr(r)
			}
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					write(l)
				}
			}
			return false
		case *ast.IncDecStmt:
			write(n.X)
			return false
		case *ast.CallExpr:
			if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "delete" && len(n.Args) == 2 {
				expr(n.Args[1])
				write(n.Args[0])
				return false
			}
			expr(n)
			return false
		case ast.Expr:
			expr(n)
			return false
		}
		return true
	})
}

// read is the last read of a variable on a path through a function: where,
// and the sections of the mutexes held then.
type read struct {
	pos  token.Pos
	held map[string]int
	via  string // the method whose call made the read, or ""
}

// pathState is what a walk through a function knows at one point: the
// mutexes held (each with the number of its current critical section) and
// the last read of each shared variable.
type pathState struct {
	held  map[string]int
	reads map[string]read
}

func (s *pathState) clone() *pathState {
	return &pathState{held: maps.Clone(s.held), reads: maps.Clone(s.reads)}
}

// merge joins the states of the paths that meet after a branch: a mutex is
// held if every path holds it in the same section, and a variable's last
// read is the latest of the paths'.
func merge(states []*pathState) *pathState {
	out := states[0].clone()
	for _, s := range states[1:] {
		for m, id := range out.held {
			if s.held[m] != id {
				delete(out.held, m)
			}
		}
		for k, r := range s.reads {
			if old, ok := out.reads[k]; !ok || r.pos > old.pos {
				out.reads[k] = r
			}
		}
	}
	return out
}

// splitWrite is a write under a mutex whose variable was last read in an
// earlier section of that mutex (section -1: read without it).
type splitWrite struct {
	pos, readPos    token.Pos
	key, mutex      string
	readVia         string // the method whose call made the read, or ""
	readSec, wrSec  int
	readOutsideLock bool
}

// sectionWalker walks one function body in source order, following its
// branches, and collects the split writes.
type sectionWalker struct {
	locals, params map[string]bool
	sums           map[string]*methodSummary
	next           int                     // the last section number given out
	written        map[int]map[string]bool // what each section writes
	testAndSet     map[int]bool            // sections that read a variable, then set it
	found          []splitWrite
}

// checkSections reports the split writes of one function.
func checkSections(pass *analysis.Pass, recv *ast.FieldList, typ *ast.FuncType, body *ast.BlockStmt, sums map[string]*methodSummary) {
	w := &sectionWalker{locals: map[string]bool{}, params: map[string]bool{}, sums: sums, written: map[int]map[string]bool{}, testAndSet: map[int]bool{}}
	for _, fl := range []*ast.FieldList{recv, typ.Params, typ.Results} {
		if fl == nil {
			continue
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				w.params[n.Name] = true
			}
		}
	}
	inspectNoFuncLit(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						w.locals[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				w.locals[id.Name] = true
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						w.locals[id.Name] = true
					}
				}
			}
		}
		return true
	})
	st := &pathState{held: map[string]int{}, reads: map[string]read{}}
	w.stmts(body.List, st)
	// One report per write, and per check: the later writes that act on
	// the same read are the same mistake.
	reported := map[token.Pos]bool{}
	type check struct {
		key string
		pos token.Pos
	}
	checked := map[check]bool{}
	for _, s := range w.found {
		if reported[s.pos] || checked[check{s.key, s.readPos}] || (!s.readOutsideLock && w.claims(s.readSec, s.wrSec)) {
			continue
		}
		reported[s.pos] = true
		checked[check{s.key, s.readPos}] = true
		line := pass.Fset.Position(s.readPos).Line
		if s.readOutsideLock {
			pass.Reportf(s.pos, "check and write apart: %s was read on line %d without holding %s, and this write under %s acts on that stale value; another goroutine can change %s in between, so read it, decide and write it in one critical section", s.key, line, s.mutex, s.mutex, s.key)
			continue
		}
		if s.readVia != "" {
			pass.Reportf(s.pos, "check and write in two critical sections: %s was read by %s on line %d, which locks %s and unlocks it before returning, and this write under %s acts on that stale value; another goroutine can change %s in between, so hold %s once for the check and the write, and read %s under it rather than through %s", s.key, s.readVia, line, s.mutex, s.mutex, s.key, s.mutex, s.key, s.readVia)
			continue
		}
		pass.Reportf(s.pos, "check and write in two critical sections: %s was read under %s on line %d, %s was unlocked, and this write under %s acts on that stale value; another goroutine can change %s in between, so check and write it while holding %s once", s.key, s.mutex, line, s.mutex, s.mutex, s.key, s.mutex)
	}
}

// claims reports whether the section of a check also claimed the work:
// it read a variable and then set it (x, ok := m[k]; ...; m[k] = mine),
// or it wrote something that the section of the write writes too (the
// write releases the claim). A compound assignment (total += n) is not a
// claim: it reads nothing the code looks at.
func (w *sectionWalker) claims(readSec, wrSec int) bool {
	if w.testAndSet[readSec] {
		return true
	}
	for k := range w.written[readSec] {
		if w.written[wrSec][k] {
			return true
		}
	}
	return false
}

// shared reports whether the variable key, rooted at root, is one that
// other goroutines can reach.
func (w *sectionWalker) shared(root, key string) bool {
	if w.locals[root] {
		return false
	}
	if w.params[root] {
		return key != root
	}
	return true
}

func (w *sectionWalker) section() int {
	w.next++
	return w.next
}

// access records a read or checks a write of key at pos, made by a call
// of the method via, or by the code itself when via is "".
func (w *sectionWalker) access(st *pathState, key string, write bool, pos token.Pos, via string) {
	root, _, _ := strings.Cut(key, ".")
	if !w.shared(root, key) {
		return
	}
	if !write {
		st.reads[key] = read{pos: pos, held: maps.Clone(st.held), via: via}
		return
	}
	for m, id := range st.held {
		if w.written[id] == nil {
			w.written[id] = map[string]bool{}
		}
		w.written[id][key] = true
		r, ok := st.reads[key]
		if !ok || key == m || strings.HasPrefix(m, key+".") {
			continue
		}
		readSec, wasHeld := r.held[m]
		if wasHeld && readSec == id {
			w.testAndSet[id] = true
			continue
		}
		across := false // another lock held from the read to the write
		for k, kid := range st.held {
			if k != m && r.held[k] == kid {
				across = true
			}
		}
		if across {
			continue
		}
		if !wasHeld {
			readSec = -1
		}
		w.found = append(w.found, splitWrite{pos: pos, readPos: r.pos, readVia: r.via, key: key, mutex: m, readSec: readSec, wrSec: id, readOutsideLock: !wasHeld})
	}
}

// node records the accesses of a simple statement or expression, and the
// calls of summed-up methods among them.
func (w *sectionWalker) node(n ast.Node, st *pathState) {
	if n == nil {
		return
	}
	accesses(n, func(key string, write bool, pos token.Pos) { w.access(st, key, write, pos, "") })
	inspectNoFuncLit(n, func(m ast.Node) bool {
		c, ok := m.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := c.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		s := w.sums[sel.Sel.Name]
		_, recv, isLoc := location(sel.X)
		if s == nil || !isLoc {
			return true
		}
		mu := recv + "." + s.mutex
		_, holding := st.held[mu]
		if s.mutex != "" && !holding {
			st.held[mu] = w.section()
			defer delete(st.held, mu)
		}
		for _, f := range s.reads {
			w.access(st, recv+"."+f, false, c.Pos(), sel.Sel.Name)
		}
		for _, f := range s.writes {
			w.access(st, recv+"."+f, true, c.Pos(), sel.Sel.Name)
		}
		return true
	})
}

// stmts walks a statement list and reports whether it always leaves it
// (return, panic, break, continue, goto).
func (w *sectionWalker) stmts(list []ast.Stmt, st *pathState) bool {
	for _, s := range list {
		if w.stmt(s, st) {
			return true
		}
	}
	return false
}

// branches walks the given branches from st and makes st what follows
// them; fallThrough adds the path that takes none of them.
func (w *sectionWalker) branches(st *pathState, fallThrough bool, walk ...func(*pathState) bool) bool {
	var live []*pathState
	if fallThrough {
		live = append(live, st.clone())
	}
	for _, b := range walk {
		s := st.clone()
		if !b(s) {
			live = append(live, s)
		}
	}
	if len(live) == 0 {
		return true
	}
	*st = *merge(live)
	return false
}

func (w *sectionWalker) stmt(s ast.Stmt, st *pathState) bool {
	switch s := s.(type) {
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.CallExpr); ok {
			if m, ok := lockCall(c); ok {
				if _, held := st.held[m]; !held {
					st.held[m] = w.section()
				}
				return false
			}
			if m, ok := unlockCall(c); ok {
				delete(st.held, m)
				return false
			}
			w.node(s, st)
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
			return false
		}
		w.node(s, st)
	case *ast.DeferStmt, *ast.GoStmt:
		// What they call runs later, or in another goroutine.
	case *ast.ReturnStmt:
		w.node(s, st)
		return true
	case *ast.BranchStmt:
		return s.Tok != token.FALLTHROUGH
	case *ast.BlockStmt:
		return w.stmts(s.List, st)
	case *ast.LabeledStmt:
		return w.stmt(s.Stmt, st)
	case *ast.IfStmt:
		if s.Init != nil {
			w.stmt(s.Init, st)
		}
		w.node(s.Cond, st)
		then := func(b *pathState) bool { return w.stmts(s.Body.List, b) }
		if s.Else == nil {
			return w.branches(st, true, then)
		}
		return w.branches(st, false, then, func(b *pathState) bool { return w.stmt(s.Else, b) })
	case *ast.ForStmt:
		if s.Init != nil {
			w.stmt(s.Init, st)
		}
		w.node(s.Cond, st)
		w.branches(st, true, func(b *pathState) bool {
			w.stmts(s.Body.List, b)
			if s.Post != nil {
				w.stmt(s.Post, b)
			}
			return false
		})
	case *ast.RangeStmt:
		w.node(s.X, st)
		w.branches(st, true, func(b *pathState) bool {
			if s.Tok == token.ASSIGN {
				for _, e := range []ast.Expr{s.Key, s.Value} {
					if e != nil {
						w.node(&ast.AssignStmt{Lhs: []ast.Expr{e}, Tok: token.ASSIGN, Rhs: []ast.Expr{&ast.BasicLit{}}}, b)
					}
				}
			}
			w.stmts(s.Body.List, b)
			return false
		})
	case *ast.SwitchStmt:
		if s.Init != nil {
			w.stmt(s.Init, st)
		}
		w.node(s.Tag, st)
		return w.clauses(st, s.Body)
	case *ast.TypeSwitchStmt:
		if s.Init != nil {
			w.stmt(s.Init, st)
		}
		w.stmt(s.Assign, st)
		return w.clauses(st, s.Body)
	case *ast.SelectStmt:
		return w.clauses(st, s.Body)
	default:
		w.node(s, st)
	}
	return false
}

// clauses walks the clauses of a switch or select as branches.
func (w *sectionWalker) clauses(st *pathState, body *ast.BlockStmt) bool {
	var walk []func(*pathState) bool
	hasDefault := false
	for _, c := range body.List {
		switch c := c.(type) {
		case *ast.CaseClause:
			hasDefault = hasDefault || c.List == nil
			for _, e := range c.List {
				w.node(e, st)
			}
			walk = append(walk, func(b *pathState) bool { return w.stmts(c.Body, b) })
		case *ast.CommClause:
			hasDefault = true // a select always takes one of its cases
			walk = append(walk, func(b *pathState) bool {
				if c.Comm != nil {
					w.stmt(c.Comm, b)
				}
				return w.stmts(c.Body, b)
			})
		}
	}
	return w.branches(st, !hasDefault, walk...)
}
