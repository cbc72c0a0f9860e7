package grading

import (
	"context"
	"path/filepath"
	"time"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

// CheckRequest says which package directories to grade by their own tests.
type CheckRequest struct {
	Dirs []string
	// Timeout is the limit for one run of a package's tests (default
	// checker.DefaultTimeout).
	Timeout time.Duration
	// Verbose keeps the tests' raw output in the results.
	Verbose bool
}

// Check grades each package directory, in any module, by its own tests,
// and returns one result per directory in order, with paths relative to
// the package's module root. The error is only the context's.
func (g *Grader) Check(ctx context.Context, req CheckRequest) (*report.Document, error) {
	start := time.Now()
	doc := g.newDocument("check", start)
	opts := make([]checker.Options, len(req.Dirs))
	for i, dir := range req.Dirs {
		opts[i] = checker.Options{Dir: dir, Timeout: req.Timeout, BinaryCache: g.binaries}
	}
	for i, res := range g.checker.CheckAll(ctx, opts) {
		name := filepath.Base(filepath.Clean(req.Dirs[i]))
		if res.Err != nil {
			doc.Results = append(doc.Results, report.Failed(name, filepath.ToSlash(req.Dirs[i]), cannotGrade(res.Err)))
			continue
		}
		r := report.FromChecker(name, g.paths(checker.ModuleRoot(res.Dir)), res)
		r.Points = 1
		if req.Verbose {
			r.AddOutput(res)
		}
		doc.Results = append(doc.Results, r)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return finish(doc, start), nil
}
