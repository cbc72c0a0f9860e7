package checker

import (
	"go/ast"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isTestFunc reports whether decl is a top-level test, func TestXxx(t
// *testing.T), and returns its name. By the go command's rules a func
// TestMain(t *testing.T) is an ordinary test; only TestMain(m *testing.M)
// runs in place of the tests.
func isTestFunc(decl ast.Decl) (string, bool) {
	fn, ok := decl.(*ast.FuncDecl)
	if !ok || fn.Recv != nil || fn.Type.Params == nil || len(fn.Type.Params.List) != 1 {
		return "", false
	}
	name := fn.Name.Name
	if !strings.HasPrefix(name, "Test") {
		return "", false
	}
	if rest := name[len("Test"):]; rest != "" {
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLower(r) {
			return "", false
		}
	}
	star, ok := fn.Type.Params.List[0].Type.(*ast.StarExpr)
	if !ok {
		return "", false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	return name, ok && sel.Sel.Name == "T"
}
