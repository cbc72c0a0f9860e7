package analyzers

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// KeepBuildLine returns the keep-build-line analyzer: it reports a file
// whose //go:build line differs from that of the shipped file of the same
// name; shipped maps file base names to their lines (see BuildLines). The
// //go:build line keeps an exercise's Go version semantics, such as the
// loop variable shared by every iteration before Go 1.22.
func KeepBuildLine(shipped map[string]string) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "keepbuildline",
		Doc:  "report a //go:build line changed from the shipped file's",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				name := filepath.Base(pass.Fset.Position(f.Pos()).Filename)
				want := shipped[name]
				if want == "" || buildLine(f) == want {
					continue
				}
				pass.Report(analysis.Diagnostic{Pos: f.Package, Category: WholeFile,
					Message: "the shipped file starts with " + want + ": keep it"})
			}
			return nil, nil
		},
	}
}

// BuildLines returns the //go:build line of each file that has one, by the
// file's base name.
func BuildLines(fset *token.FileSet, files []*ast.File) map[string]string {
	m := map[string]string{}
	for _, f := range files {
		if l := buildLine(f); l != "" {
			m[filepath.Base(fset.Position(f.Pos()).Filename)] = l
		}
	}
	return m
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
