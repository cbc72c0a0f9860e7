package analyzers

import (
	"go/build/constraint"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// NoNorace reports //go:norace directives, which hide a function's races
// from the race detector, and //go:build lines that depend on the race
// tag, which make the code under the race detector differ from the code
// without it.
var NoNorace = &analysis.Analyzer{
	Name: "nonorace",
	Doc:  "report //go:norace directives and //go:build lines on the race tag",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, g := range f.Comments {
				for _, c := range g.List {
					switch {
					case c.Text == "//go:norace" || strings.HasPrefix(c.Text, "//go:norace "):
						pass.Reportf(c.Pos(), "//go:norace hides this function's races from the race detector instead of fixing them")
					case constraint.IsGoBuild(c.Text) && usesRaceTag(c.Text) && c.Pos() < f.Package:
						pass.Report(analysis.Diagnostic{Pos: f.Package, Category: WholeFile,
							Message: c.Text + " makes the code differ under the race detector: fix the race in the code everyone runs"})
					}
				}
			}
		}
		return nil, nil
	},
}

// usesRaceTag reports whether a //go:build line mentions the race tag.
func usesRaceTag(line string) bool {
	expr, err := constraint.Parse(line)
	if err != nil {
		return false
	}
	found := false
	expr.Eval(func(tag string) bool {
		found = found || tag == "race"
		return false
	})
	return found
}
