package checker

import (
	"go/ast"
	"go/token"
	"go/types"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/racekit/racekit/checker/analyzers"
)

// StaticRule is a static rule of an exercise: a shortcut that hides a bug instead
// of fixing it, found in the source without running it. Each rule is a
// go/analysis analyzer of package analyzers; rules that compare the
// checked code with the code as shipped (the baseline) build theirs from
// what the baseline has.
type StaticRule struct {
	// Name is the rule's name in the catalog, e.g. "no-sleep".
	Name string
	// Explain says in one sentence what the rule forbids and why.
	Explain string
	// analyzer returns the rule's analyzer for the given baseline, which
	// is nil when there is none.
	analyzer func(baseline *Source) *analysis.Analyzer
}

// Rules lists every rule the checker knows.
var Rules = []StaticRule{
	{
		Name:    "no-sleep",
		Explain: "time.Sleep (or <-time.After) only guesses how long other goroutines take; wait for them with a WaitGroup, a channel or a Cond instead",
		analyzer: func(baseline *Source) *analysis.Analyzer {
			return analyzers.NoSleep(perFunc(baseline, analyzers.Sleeps))
		},
	},
	{
		Name:    "keep-go",
		Explain: "the work must stay concurrent: starting goroutines in fewer places (go statements, WaitGroup.Go, helpers that start them) hides the bug instead of fixing it",
		analyzer: func(baseline *Source) *analysis.Analyzer {
			if baseline == nil {
				return analyzers.KeepGo(0)
			}
			return analyzers.KeepGo(analyzers.GoStarts(baseline.Files))
		},
	},
	{
		Name:    "keep-build-line",
		Explain: "the //go:build line keeps the exercise's Go version semantics (for example the shared loop variable before Go 1.22); fix the code, not the version",
		analyzer: func(baseline *Source) *analysis.Analyzer {
			if baseline == nil {
				return analyzers.KeepBuildLine(nil)
			}
			return analyzers.KeepBuildLine(analyzers.BuildLines(baseline.Fset, baseline.Files))
		},
	},
	{
		Name:     "no-scheduler",
		Explain:  "runtime.Gosched, runtime.GOMAXPROCS and runtime.LockOSThread change the timing, not the synchronization",
		analyzer: plain(analyzers.NoScheduler),
	},
	{
		Name:    "no-recover",
		Explain: "recover() hides the panic instead of fixing what panics (a second close, a negative WaitGroup counter, a send on a closed channel)",
		analyzer: func(baseline *Source) *analysis.Analyzer {
			return analyzers.NoRecover(perFunc(baseline, analyzers.Recovers))
		},
	},
	{
		Name:     "no-spin",
		Explain:  "a loop that polls a flag, an atomic, len(ch) or TryLock until another goroutine acts burns a CPU and orders nothing; block on a channel, a WaitGroup, a Cond or a Mutex instead",
		analyzer: plain(analyzers.NoSpin),
	},
	{
		Name:     "no-norace",
		Explain:  "//go:norace (or a //go:build line on the race tag) hides races from the race detector instead of fixing them",
		analyzer: plain(analyzers.NoNorace),
	},
	{
		Name:     "no-test-detect",
		Explain:  "the code must behave the same under go test as in a real run: no testing.Testing(), test.* flags or checks of the binary's name",
		analyzer: plain(analyzers.NoTestDetect),
	},
	{
		Name:     "no-goroutine-id",
		Explain:  "goroutine ids (parsed from runtime.Stack or reached by //go:linkname) keep state per goroutine instead of synchronizing the shared state",
		analyzer: plain(analyzers.NoGoroutineID),
	},
	{
		Name:     "atomic-rmw",
		Explain:  "x.Store(x.Load()+1) is two atomic steps, not one, so an update made between them is lost, and so is a CompareAndSwap tried once; use x.Add, or CompareAndSwap in a loop until it swaps",
		analyzer: plain(analyzers.AtomicRMW),
	},
	{
		Name:     "one-critical-section",
		Explain:  "a check and the write that acts on it must sit in one critical section: unlocking between them lets another goroutine change the value, so an update is lost or the work is done twice",
		analyzer: plain(analyzers.OneCriticalSection),
	},
	{
		Name:     "stop-ticker",
		Explain:  "a time.Ticker goes on firing until it is stopped, long after the work that needed it is done; defer its Stop where you create it (time.Tick cannot be stopped at all)",
		analyzer: plain(analyzers.StopTicker),
	},
	{
		Name:     "no-drop-send",
		Explain:  "a send in a select with a default is skipped whenever the receiver has not reached its receive yet, so the value is lost; every result must arrive, so send without a default (a default is left alone only where the channel, made in the same function, has a slot for every send)",
		analyzer: plain(analyzers.NoDropSend),
	},
	{
		Name:     "send-or-cancel",
		Explain:  "a goroutine that can be cancelled must not wait on a send that nobody will take after the cancel: send in a select with a case <-ctx.Done(), or send once and stop; a buffer sized to the data only delays the wait",
		analyzer: plain(analyzers.SendOrCancel),
	},
}

// plain is the analyzer of a rule that does not look at the baseline.
func plain(a *analysis.Analyzer) func(*Source) *analysis.Analyzer {
	return func(*Source) *analysis.Analyzer { return a }
}

// perFunc counts a baseline's sites by function; nil without a baseline.
func perFunc(baseline *Source, sites func([]*ast.File) []analyzers.Site) map[string]int {
	if baseline == nil {
		return nil
	}
	m := map[string]int{}
	for _, s := range sites(baseline.Files) {
		m[s.Func]++
	}
	return m
}

// LookupRule returns the rule with the given name.
func LookupRule(name string) (StaticRule, bool) {
	for _, r := range Rules {
		if r.Name == name {
			return r, true
		}
	}
	return StaticRule{}, false
}

// Source is the parsed non-test Go files of one package.
type Source struct {
	Fset  *token.FileSet
	Files []*ast.File
}

// check runs the rule on code, against baseline (nil when there is none),
// and returns what it reports as findings.
func (r StaticRule) check(code, baseline *Source) []Finding {
	fs, err := runAnalyzer(r.analyzer(baseline), code)
	if err != nil {
		// The analyzers return no errors; should one, the rule finds nothing
		// rather than fail the grading.
		return nil
	}
	for i := range fs {
		fs[i].Source = "rule:" + r.Name
	}
	sortFindings(fs)
	return fs
}

// runAnalyzer runs a syntax-level analyzer on code's files: a small
// driver that builds an analysis.Pass from the parsed files, without the
// go command or a type checker. The analyzers of package analyzers need
// no more: they take nothing from other analyzers and read no type
// information, so the pass has an empty types.Info.
func runAnalyzer(a *analysis.Analyzer, code *Source) ([]Finding, error) {
	var fs []Finding
	pass := &analysis.Pass{
		Analyzer:   a,
		Fset:       code.Fset,
		Files:      code.Files,
		Pkg:        types.NewPackage("main", "main"),
		TypesInfo:  &types.Info{},
		TypesSizes: types.SizesFor("gc", "amd64"),
		ResultOf:   map[*analysis.Analyzer]any{},
		ReadFile:   os.ReadFile,
		Report: func(d analysis.Diagnostic) {
			pos := code.Fset.Position(d.Pos)
			f := Finding{File: pos.Filename, Line: pos.Line, Column: pos.Column, Message: d.Message}
			switch d.Category {
			case analyzers.WholePackage:
				f.Line, f.Column = 0, 0
			case analyzers.WholeFile:
				f.Line, f.Column = 1, 0
			}
			fs = append(fs, f)
		},
	}
	_, err := a.Run(pass)
	return fs, err
}
