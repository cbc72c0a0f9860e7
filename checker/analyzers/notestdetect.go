package analyzers

import (
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// NoTestDetect reports code that detects that it runs under a test and
// behaves differently there: testing.Testing() (and testing.Short,
// testing.Verbose), a flag named test.* ("test.v", "-test.run"), and
// os.Args or os.Executable() in a function that compares with a piece of
// a test binary's name (the test binary is NAME.test).
var NoTestDetect = &analysis.Analyzer{
	Name: "notestdetect",
	Doc:  "report code that checks whether it runs under go test",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			testing, osName := importName(f, "testing"), importName(f, "os")
			eachDecl([]*ast.File{f}, func(_ string, d ast.Decl) {
				mentionsTest := false
				var binary []ast.Node // os.Args and os.Executable() in d
				ast.Inspect(d, func(n ast.Node) bool {
					switch n := n.(type) {
					case *ast.CallExpr:
						if isPkgCall(n, testing, "Testing", "Short", "Verbose") {
							pass.Reportf(n.Pos(), "%s tells the tests from a real run: the code must behave the same in both", exprString(n))
						}
						if isPkgCall(n, osName, "Executable") {
							binary = append(binary, n)
						}
					case *ast.SelectorExpr:
						if id, ok := n.X.(*ast.Ident); ok && osName != "" && id.Name == osName && n.Sel.Name == "Args" {
							binary = append(binary, n)
						}
					case *ast.BasicLit:
						s, ok := stringLit(n)
						if !ok {
							break
						}
						name := strings.TrimLeft(s, "-")
						if strings.HasPrefix(name, "test.") {
							pass.Reportf(n.Pos(), "the flag %q exists only under go test: the code must behave the same in tests and in a real run", s)
						} else if namesTestBinary(s) {
							mentionsTest = true
						}
					}
					return true
				})
				if mentionsTest {
					for _, b := range binary {
						pass.Reportf(b.Pos(), "%s is checked for the test binary's name: the code must behave the same in tests and in a real run", exprString(b.(ast.Expr)))
					}
				}
			})
		}
		return nil, nil
	},
}

// namesTestBinary reports whether a string looks like part of a test
// binary's name or flags: "test", ".test", "_test", "-test", "test.";
// not a word that merely contains the letters ("latest").
func namesTestBinary(s string) bool {
	s = strings.ToLower(s)
	if s == "test" {
		return true
	}
	for _, part := range []string{".test", "_test", "-test", "test."} {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}
