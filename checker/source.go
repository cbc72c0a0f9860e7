package checker

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
)

// sourceFiles reads the checked code's files on demand, through the
// overlay, so that explanations can quote the student's lines and find the
// expression a runtime report points at. Runs classify in parallel, so it
// is safe for concurrent use.
type sourceFiles struct {
	read  func(path string) ([]byte, error)
	mu    sync.Mutex
	files map[string]*sourceFile
}

// newSourceFiles reads files from disk, or from their overlay replacement.
func newSourceFiles(overlay map[string]string) *sourceFiles {
	return &sourceFiles{read: func(p string) ([]byte, error) {
		if r, ok := overlay[p]; ok {
			p = r
		}
		return os.ReadFile(p)
	}}
}

// sourceFile is one parsed file. ast is nil when the file does not parse;
// its lines can still be quoted.
type sourceFile struct {
	fset  *token.FileSet
	ast   *ast.File
	lines []string
	// imports are the names the file's imports are used by.
	imports map[string]bool
}

// file returns the parsed file at path, or nil when it cannot be read.
func (s *sourceFiles) file(p string) *sourceFile {
	if s == nil || p == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.files[p]; ok {
		return f
	}
	if s.files == nil {
		s.files = map[string]*sourceFile{}
	}
	var f *sourceFile
	if data, err := s.read(p); err == nil {
		f = parseSourceFile(p, data)
	}
	s.files[p] = f
	return f
}

// parseSourceFile splits and parses one file's text.
func parseSourceFile(name string, data []byte) *sourceFile {
	f := &sourceFile{fset: token.NewFileSet(), lines: strings.Split(string(data), "\n"), imports: map[string]bool{}}
	file, err := parser.ParseFile(f.fset, name, data, 0)
	if err != nil {
		return f
	}
	f.ast = file
	for _, imp := range file.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		name := path.Base(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		f.imports[name] = true
	}
	return f
}

// line returns line n, without its line ending, or "".
func (f *sourceFile) line(n int) string {
	if f == nil || n < 1 || n > len(f.lines) {
		return ""
	}
	return strings.TrimRight(f.lines[n-1], "\r")
}

// lineOf returns the line a position is on.
func (f *sourceFile) lineOf(p token.Pos) int { return f.fset.Position(p).Line }

// columnOf returns the 1-based byte column of a position.
func (f *sourceFile) columnOf(p token.Pos) int { return f.fset.Position(p).Column }

// annotate adds the column and the source line to a location: the column
// of the first statement on the line when nothing more precise is known.
func (s *sourceFiles) annotate(l *Location) {
	f := s.file(l.File)
	if f == nil {
		return
	}
	l.Code = f.line(l.Line)
	if l.Column == 0 {
		l.Column = firstColumn(l.Code)
	}
}

// annotateWait adds the column and the source line to a wait.
func (s *sourceFiles) annotateWait(w *Wait) {
	l := Location{File: w.File, Line: w.Line, Column: w.Column}
	s.annotate(&l)
	w.Column, w.Code = l.Column, l.Code
}

// firstColumn returns the 1-based byte column of the first non-blank
// character of a line, or 0 for a blank line.
func firstColumn(line string) int {
	for i, r := range line {
		if r != ' ' && r != '\t' {
			return i + 1
		}
	}
	return 0
}

// withParents walks the file, calling fn with each node and its ancestors,
// innermost last.
func (f *sourceFile) withParents(fn func(n ast.Node, parents []ast.Node)) {
	if f == nil || f.ast == nil {
		return
	}
	var stack []ast.Node
	ast.Inspect(f.ast, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		fn(n, stack)
		stack = append(stack, n)
		return true
	})
}

// enclosingFunc returns the innermost function (declaration or literal)
// whose body holds the position, or nil.
func (f *sourceFile) enclosingFunc(p token.Pos) ast.Node {
	var inner ast.Node
	f.withParents(func(n ast.Node, _ []ast.Node) {
		switch fn := n.(type) {
		case *ast.FuncDecl:
			if fn.Body != nil && fn.Body.Pos() <= p && p < fn.Body.End() {
				inner = fn
			}
		case *ast.FuncLit:
			if fn.Body.Pos() <= p && p < fn.Body.End() {
				inner = fn
			}
		}
	})
	return inner
}

// funcEndingOn returns the innermost function whose closing brace is on
// line n: a panic reported there was raised by a deferred call.
func (f *sourceFile) funcEndingOn(n int) (body *ast.BlockStmt) {
	f.withParents(func(node ast.Node, _ []ast.Node) {
		var b *ast.BlockStmt
		switch fn := node.(type) {
		case *ast.FuncDecl:
			b = fn.Body
		case *ast.FuncLit:
			b = fn.Body
		}
		if b != nil && f.lineOf(b.Rbrace) == n {
			body = b
		}
	})
	return body
}

// defersIn returns the defer statements of a function body, leaving out
// those of the function literals inside it.
func defersIn(body *ast.BlockStmt) []*ast.DeferStmt {
	var out []*ast.DeferStmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch d := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			out = append(out, d)
		}
		return true
	})
	return out
}
