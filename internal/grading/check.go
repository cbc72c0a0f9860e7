package grading

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/report"
)

// Defaults of grade check: each package's tests run DefaultCheckRepeat
// times at each of DefaultCheckCPU (one build, the runs in parallel), so
// that a race that shows in one run of several is still caught; and
// DefaultCheckTimeout suits tests written for plain go test, which are
// often slower than the kit's.
var (
	DefaultCheckRepeat  = 3
	DefaultCheckCPU     = []int{1, 2, 4}
	DefaultCheckTimeout = time.Minute
)

// CheckRequest says which package directories to grade by their own tests.
type CheckRequest struct {
	Dirs []string
	// Timeout is the limit for one run of a package's tests (default
	// DefaultCheckTimeout).
	Timeout time.Duration
	// Repeat is the number of runs at each CPU count (default
	// DefaultCheckRepeat).
	Repeat int
	// CPU lists the GOMAXPROCS values to run with (default
	// DefaultCheckCPU).
	CPU []int
	// Verbose keeps the tests' raw output in the results.
	Verbose bool
}

// Check grades each package directory, in any module, by its own tests,
// and returns one result per directory in order, with paths relative to
// the package's module root. The error is only the context's.
//
// Each package is also checked for goroutines its code leaves running
// after its tests (checker.Options.FindLeaks); go vet's findings in its
// test files are notes, as the tests are not the graded code's own. A
// package's verdict is the worst of its runs, and its message says how
// many runs showed it. Once a run of a package hangs (deadlock, timeout),
// its runs not yet started are left out: each would wait out the limit
// too.
func (g *Grader) Check(ctx context.Context, req CheckRequest) (*report.Document, error) {
	start := time.Now()
	doc := g.newDocument("check", start)
	if req.Timeout <= 0 {
		req.Timeout = DefaultCheckTimeout
	}
	if req.Repeat < 1 {
		req.Repeat = DefaultCheckRepeat
	}
	if len(req.CPU) == 0 {
		req.CPU = DefaultCheckCPU
	}
	opts := make([]checker.Options, len(req.Dirs))
	for i, dir := range req.Dirs {
		opts[i] = checker.Options{Dir: dir, Timeout: req.Timeout, Repeat: req.Repeat, CPU: req.CPU,
			BinaryCache: g.binaries, BinaryCacheSize: g.cacheSize, FindLeaks: true, StopOnHang: true}
	}
	for i, res := range g.checker.CheckAll(ctx, opts) {
		name := filepath.Base(filepath.Clean(req.Dirs[i]))
		if res.Err != nil {
			doc.Results = append(doc.Results, report.Failed(name, filepath.ToSlash(req.Dirs[i]), cannotGrade(res.Err)))
			continue
		}
		runs := countRuns(res)
		res.Message += timeoutHint(res, req.Timeout)
		res.Message += runsNote(res, runs)
		r := report.FromChecker(name, g.paths(checker.ModuleRoot(res.Dir)), res)
		r.Points = 1
		if len(res.Runs) > 1 {
			r.Runs = runs
		}
		// The checker's notes say what it could not check (the leak
		// check beside a TestMain of the package's own): warnings of the
		// document, which grade prints on stderr.
		for _, note := range res.Notes {
			doc.Warnings = append(doc.Warnings, kit.Warning{File: r.Path, Message: note})
		}
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

// timeoutHint is what a timeout's message gets added when the run's
// wall-clock limit decided it: the limit, and how to raise it. A test that
// gave up on code that never finishes (racetest.Within) says so in its
// message, and more time would not help: no hint.
func timeoutHint(res *checker.Result, limit time.Duration) string {
	if run := res.Decisive(); res.Verdict != checker.Timeout || run == nil || !run.TimeLimit {
		return ""
	}
	return fmt.Sprintf(" (the limit is %s a run; if the tests need longer, raise it: grade check --timeout %s)", seconds(limit), seconds(3*limit))
}

// seconds writes a limit as grade check's --timeout takes it: "60s",
// "2m30s".
func seconds(d time.Duration) string {
	d = d.Round(time.Second)
	if d < 2*time.Minute {
		return fmt.Sprintf("%ds", int(d.Seconds()))
	}
	return d.String()
}
