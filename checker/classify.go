package checker

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/racekit/racekit/racetest/marker"
)

// TestResult is the verdict on one top-level test.
type TestResult struct {
	Name    string  `json:"name"`
	Verdict Verdict `json:"verdict"`
	// Message says in one line what went wrong, in the student's terms;
	// empty for a pass.
	Message string `json:"message,omitempty"`
	// NotRun reports that the test never started: the test binary ended,
	// or died during another test, before it. Such a test fails, but
	// decides the run's verdict only when nothing else explains it.
	NotRun bool `json:"not_run,omitempty"`
	// Output is what the test printed, capped.
	Output string `json:"-"`
	// Elapsed is how long the test ran, as the test binary reported it.
	Elapsed time.Duration `json:"-"`
	// Goroutines are the goroutines of the stack dump behind a deadlock,
	// timeout or panic verdict that ran the checked package's code.
	Goroutines []Goroutine `json:"goroutines,omitempty"`
	// Locations are the places in the checked code that explain the
	// verdict: a race's accesses, where stuck goroutines wait, where they
	// were started.
	Locations []Location `json:"locations,omitempty"`
	// Diagnosis explains the verdict: the pattern found, its cause and a
	// fitting fix.
	Diagnosis *Diagnosis `json:"diagnosis,omitempty"`
	// TimeLimit reports that a timeout verdict came from the run's
	// wall-clock limit (the test binary's -test.timeout, or the grader's
	// kill past it), which a longer limit moves; false when the test
	// itself gave up on code that never finished (racetest.Within).
	TimeLimit bool `json:"-"`
}

// Process is how one run of a test binary ended.
type Process struct {
	// ExitCode is the binary's exit status, or -1 when it was killed.
	ExitCode int
	// Killed reports whether the grader stopped it at the wall-clock limit.
	Killed bool
	// Limit is the wall-clock limit the run had.
	Limit time.Duration
	// OutOfMemory is the memory limit the grader stopped the run at,
	// in bytes, when its processes used more; 0 when it did not.
	OutOfMemory int64
	// TooMuchOutput is the output limit the grader stopped the run at, in
	// bytes, when its processes printed more; 0 when it did not.
	TooMuchOutput int64
}

// What the testing package and the runtime print: a test's error, a panic
// or fatal error, a race report.
var (
	errorLine   = regexp.MustCompile(`(?m)^\s+(\S+\.go:\d+): (.*)$`)
	panicLine   = regexp.MustCompile(`(?m)^(panic|fatal error): (.*?)(?: \[recovered(?:, repanicked)?\])?$`)
	raceWarning = "WARNING: DATA RACE"
)

// classifier classifies the runs of a checked package: it tells the
// package's own code from the runtime, the standard library, dependencies
// and the kit's helpers, and from the goroutines and output of a run
// decides each test's verdict and explains it.
type classifier struct {
	// root is the module directory of the checked package.
	root string
	// src reads the checked code to quote it; nil quotes nothing.
	src *sourceFiles
	// blamed holds the goroutines an earlier test of the run was already
	// failed for: a later test's dump still lists them, but they are not
	// that test's doing.
	blamed map[int]bool
}

// owns reports whether a frame runs the checked module's own code: not
// the kit's helpers, nor the TestMain that FindLeaks lays over a package.
func (s classifier) owns(f Frame) bool {
	if s.root == "" || baseName(f.File) == LeakMainFile {
		return false
	}
	rel, err := filepath.Rel(s.root, filepath.FromSlash(f.File))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return false
	}
	kitHelper := strings.HasPrefix(filepath.ToSlash(rel), "racetest/") &&
		(strings.Contains(f.Func, "racekit/racetest.") || strings.Contains(f.Func, "racekit/racetest/"))
	return !kitHelper
}

// userGoroutines keeps the goroutines that run the module's own code.
func (s classifier) userGoroutines(gs []Goroutine) []Goroutine {
	var out []Goroutine
	for _, g := range gs {
		if s.blamed[g.ID] {
			continue
		}
		for _, f := range g.Frames {
			if s.owns(f) {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// firstOwnFrame returns the innermost frame of g in the module's own code.
func (s classifier) firstOwnFrame(g Goroutine) (Frame, bool) {
	for _, f := range g.Frames {
		if s.owns(f) {
			return f, true
		}
	}
	return Frame{}, false
}

// classification is a verdict with its one-line message and evidence.
type classification struct {
	verdict    Verdict
	message    string
	goroutines []Goroutine
	locations  []Location
	diagnosis  *Diagnosis
	// notRun is set for a test that never started.
	notRun bool
	// timeLimit is set for a timeout at the run's wall-clock limit
	// (TestResult.TimeLimit).
	timeLimit bool
}

// classifyOutput decides what a failed test's output shows. fallback is
// the verdict when nothing more specific is found.
func (s classifier) classifyOutput(out string, fallback Verdict) classification {
	marks := marker.Find(out)
	switch {
	case strings.Contains(out, raceWarning) || strings.Contains(out, "race detected during execution of test"):
		locs, d := s.diagnoseRace(out)
		return classification{verdict: Race, message: raceMessage(locs, d), locations: locs, diagnosis: d}
	case strings.Contains(out, "panic: test timed out after"):
		c := s.stuck(out, "the test timed out", true)
		c.timeLimit = c.verdict == Timeout
		return c
	case strings.Contains(out, "deadlock: all goroutines in bubble are blocked"),
		strings.Contains(out, "fatal error: all goroutines are asleep - deadlock!"):
		waiting := s.blocked(ParseGoroutines(out))
		clause, d := s.diagnoseStuck(waiting)
		return classification{verdict: Deadlock, message: "every goroutine is blocked: " + clause, goroutines: waiting, diagnosis: d}
	case strings.Contains(out, bubbleExitedPanic):
		return s.bubbleExited(out, marks)
	}
	if msg, ok := marks[marker.Stuck]; ok {
		return s.stuck(out, msg, false)
	}
	if msg, ok := marks[marker.Deadlock]; ok {
		waiting := s.blocked(ParseGoroutines(out))
		_, d := s.diagnoseStuck(waiting)
		return classification{verdict: Deadlock, message: msg, goroutines: waiting, diagnosis: d}
	}
	if m := panicLine.FindStringSubmatch(out); m != nil {
		return s.panicked(out, m[2])
	}
	if msg, ok := marks[marker.Timeout]; ok {
		return classification{verdict: Timeout, message: msg}
	}
	if msg, ok := marks[marker.Exit]; ok {
		workers := s.workers(exitDump(out))
		return classification{verdict: Exit, message: msg, goroutines: workers, diagnosis: s.diagnoseExit(workers)}
	}
	if msg := failMessage(out); msg != "" {
		// A marker names a verdict of its own, read below: it is not
		// a wrong result; nor is goleak's report.
		_, _, marked := marker.Parse(msg)
		if !marked && !strings.HasPrefix(msg, goleakReport) {
			return classification{verdict: Fail, message: msg}
		}
	}
	if msg, ok := marks[marker.Leak]; ok {
		return s.leaked(out, msg)
	}
	if strings.Contains(out, goleakReport) {
		return s.leaked(out, leakMessage)
	}
	return classification{verdict: fallback, message: failMessage(out)}
}

// stuck classifies code that did not finish: a deadlock when every goroutine
// of the module's code waits, a timeout when one of them still runs. wall
// is set when the run's wall-clock limit ran out; else the test gave up on
// the code itself (racetest.Within), and a goroutine still running there
// never finishes: no longer limit would let it.
func (s classifier) stuck(out, why string, wall bool) classification {
	gs := s.others(ParseGoroutines(out))
	clause, d := s.diagnoseStuck(gs)
	if d != nil && d.Kind == "lock-held" {
		return s.lockHeldVerdict(why, clause, gs, d)
	}
	// When the test gave up, a goroutine still running is why the others
	// still wait for their timers: in a testing/synctest bubble fake time
	// stands still while one runs. At the run's wall-clock limit, waiting
	// for a timer says the code was slow.
	if !wall {
		if c, ok := s.spinning(gs, why, wall, d); ok {
			return c
		}
	}
	for _, g := range gs {
		if !g.Running() && s.waitsOnTimer(g) {
			f, _ := s.firstOwnFrame(g)
			slow := explanations["slow"]
			if !wall {
				slow.fix = slowOwnLimitFix
			}
			if d != nil {
				d.Kind, d.Cause, d.Fix = "slow", slow.cause, slow.fix
				for _, t := range gs {
					if tf, ok := s.firstOwnFrame(t); ok && s.waitsOnTimer(t) {
						for i, w := range d.Waits {
							if w.File == tf.File && w.Line == tf.Line && w.State == t.State {
								d.Waits[i].Phrase = timerPhrase
							}
						}
					}
				}
			}
			return classification{verdict: Timeout, message: fmt.Sprintf("%s: a goroutine waits for a timer at %s:%d, still working when the time ran out", why, filepath.Base(f.File), f.Line), goroutines: gs, diagnosis: d}
		}
	}
	if c, ok := s.spinning(gs, why, wall, d); ok {
		return c
	}
	// A goroutine running on another thread when the dump was taken
	// shows no stack: it was running all the same, so this is no
	// deadlock.
	for _, g := range ParseGoroutines(out) {
		if g.Running() && len(g.Frames) == 0 && !s.blamed[g.ID] {
			spin := explanations["spin"]
			msg := why + ": a goroutine is still running (on another thread, its stack not shown)"
			if !wall {
				msg = neverFinished(why, "a goroutine is still running (on another thread, its stack not shown)")
			}
			return classification{verdict: Timeout, message: msg, goroutines: gs,
				diagnosis: &Diagnosis{Kind: "spin", Cause: spin.cause, Fix: spin.fix}}
		}
	}
	return classification{verdict: Deadlock, message: why + ": " + clause, goroutines: gs, diagnosis: d}
}

// spinning classifies stuck code of which a goroutine (of gs, the module's
// code's) is still running: a timeout, a spin; ok is false when none runs.
func (s classifier) spinning(gs []Goroutine, why string, wall bool, d *Diagnosis) (classification, bool) {
	for _, g := range gs {
		if !g.Running() {
			continue
		}
		f, _ := s.firstOwnFrame(g)
		if d != nil {
			spin := explanations["spin"]
			d.Kind, d.Cause, d.Fix = "spin", spin.cause, spin.fix
		}
		what := fmt.Sprintf("a goroutine is still running at %s:%d", filepath.Base(f.File), f.Line)
		msg := why + ": " + what
		if !wall {
			msg = neverFinished(why, what)
		}
		return classification{verdict: Timeout, message: msg, goroutines: gs, diagnosis: d}, true
	}
	return classification{}, false
}

// slowOwnLimitFix is the fix for slow code that a test gave up on: its
// limit is the test's own, and no setting gives it longer.
const slowOwnLimitFix = "wait for events instead of fixed times: the test gives the code a fixed time to finish"

// neverFinished says that the test gave up (why: racetest.Within's "did
// not finish within 2s") on code that never finishes, because of what.
func neverFinished(why, what string) string {
	if limit, ok := strings.CutPrefix(why, "did not finish within "); ok {
		why = "the test gave up after " + limit
	}
	return "never finished: " + what + ", spinning or waiting without end (" + why + ")"
}

// goleakReport starts go.uber.org/goleak's report of leaked goroutines,
// which lists them after it.
const goleakReport = "found unexpected goroutines"

// leaked classifies goroutines left behind after a test. The message says
// where they wait and where they were started, unless a helper of the kit
// already said what it found.
func (s classifier) leaked(out, msg string) classification {
	gs := s.others(ParseGoroutines(out))
	d := s.diagnoseLeak(gs)
	if msg == leakMessage && d != nil {
		msg += ": " + s.leakClause(gs, d.Waits)
	}
	return classification{verdict: Leak, message: msg, goroutines: gs, diagnosis: d}
}

// leakClause says where leaked goroutines wait and where the code started
// them: "1 goroutine waits to send on ... (fix.go:12), started at
// fix.go:10".
func (s classifier) leakClause(gs []Goroutine, ws []Wait) string {
	clause := describe(ws)
	var started []string
	for _, g := range gs {
		if g.CreatedBy != nil && s.owns(*g.CreatedBy) {
			at := fmt.Sprintf("%s:%d", baseName(g.CreatedBy.File), g.CreatedBy.Line)
			if !slices.Contains(started, at) {
				started = append(started, at)
			}
		}
	}
	if len(started) > 0 {
		clause += ", started at " + strings.Join(started, ", ")
	}
	return clause
}

// blocked keeps the goroutines of the module's code that wait, leaving out
// the one that printed the dump.
func (s classifier) blocked(gs []Goroutine) []Goroutine {
	var out []Goroutine
	for _, g := range s.userGoroutines(gs) {
		if !g.Running() && !isDumper(g) {
			out = append(out, g)
		}
	}
	return out
}

// others keeps the goroutines of the module's code, leaving out the one
// that printed the dump.
func (s classifier) others(gs []Goroutine) []Goroutine {
	var out []Goroutine
	for _, g := range s.userGoroutines(gs) {
		if !isDumper(g) {
			out = append(out, g)
		}
	}
	return out
}

// workers are the goroutines of a dump that the checked code started (not
// the tests' own): those an exit verdict speaks of.
func (s classifier) workers(dump string) []Goroutine {
	var out []Goroutine
	for _, g := range s.others(ParseGoroutines(dump)) {
		if s.startedByCode(g) {
			out = append(out, g)
		}
	}
	return out
}

// exitDump is the part of a test's output that its first exit marker
// speaks of: the goroutine dump racetest.Exit printed just before it, not
// the dumps of the test's other subtests, each of which ran the code
// again and counted its own goroutines. Without such a dump, the output
// from the start of the marker's subtest.
func exitDump(out string) string {
	i := strings.Index(out, marker.Format(marker.Exit, ""))
	if i < 0 {
		return out
	}
	before := out[:i]
	if j := strings.LastIndex(before, exitDumpLabel); j >= 0 {
		return before[j:]
	}
	if j := strings.LastIndex(before, "=== RUN "); j >= 0 {
		return out[j:]
	}
	return out
}

// exitDumpLabel starts the goroutine dump that racetest.Exit prints before
// its marker.
const exitDumpLabel = "goroutine dump:\n"

// isDumper reports whether g is the goroutine that printed the dump (a
// panicking goroutine, a test timeout's alarm or a runtime.Stack call),
// which runs but is not stuck.
func isDumper(g Goroutine) bool {
	for _, f := range g.Frames {
		switch {
		case f.Func == "runtime.Stack", f.Func == "panic", f.Func == "runtime.gopanic",
			strings.HasSuffix(f.Func, "racekit/racetest.allStacks"),
			strings.HasPrefix(f.Func, "testing.(*M).startAlarm"):
			return true
		}
	}
	return false
}

// bubbleExitedPanic is the panic of a synctest bubble whose function
// returned while goroutines of the bubble were still blocked.
const bubbleExitedPanic = "deadlock: main bubble goroutine has exited but blocked goroutines remain"

// bubbleExited classifies a synctest bubble whose function returned while
// its goroutines were blocked: still asleep means they were still working
// (exit); blocked on anything else means they were left behind (leak). It
// reads only the blocked goroutines of the dump that follows the bubble's
// panic: the running ones are the test's, which report the panic, and an
// earlier dump, such as racetest.Within's when it gave up on the bubble,
// shows the bubble's goroutines as they were then, its root asleep in fake
// time.
func (s classifier) bubbleExited(out string, marks map[marker.Kind]string) classification {
	gs := s.blocked(ParseGoroutines(out[strings.Index(out, bubbleExitedPanic):]))
	if msg, ok := marks[marker.Exit]; ok {
		workers := s.workers(exitDump(out))
		return classification{verdict: Exit, message: msg, goroutines: workers, diagnosis: s.diagnoseExit(workers)}
	}
	for _, g := range gs {
		if g.State == "sleep" {
			return classification{verdict: Exit, message: fmt.Sprintf("the test returned while %s still working", plural(len(gs), "goroutine")+" "+wereOrWas(len(gs))), goroutines: gs, diagnosis: s.diagnoseExit(gs)}
		}
	}
	clause, _ := s.diagnoseStuck(gs)
	return classification{verdict: Leak, message: "the test returned while " + clause, goroutines: gs, diagnosis: s.diagnoseLeak(gs)}
}

// panicked classifies a runtime panic or fatal error.
func (s classifier) panicked(out, what string) classification {
	gs := s.userGoroutines(ParseGoroutines(out))
	msg := what
	var locs []Location
	if len(gs) > 0 {
		if f, ok := s.firstOwnFrame(gs[0]); ok {
			msg = fmt.Sprintf("%s at %s:%d", what, filepath.Base(f.File), f.Line)
			locs = []Location{{Role: "panic", Goroutine: gs[0].ID, File: f.File, Line: f.Line, Func: f.Func}}
			if c := gs[0].CreatedBy; c != nil && s.owns(*c) {
				locs = append(locs, Location{Role: "started", Goroutine: gs[0].ID, File: c.File, Line: c.Line, Func: c.Func})
			}
		}
	}
	var at *Location
	if len(locs) > 0 {
		at = &locs[0]
	}
	d, deferred := s.diagnosePanic(what, at)
	if len(deferred) > 0 {
		locs = append(locs[:1], append(deferred, locs[1:]...)...)
	}
	return classification{verdict: Panic, message: msg, goroutines: gs, locations: locs, diagnosis: d}
}

// failMessage returns the first error a test reported, without its
// file:line prefix.
func failMessage(out string) string {
	if m := errorLine.FindStringSubmatch(out); m != nil {
		return strings.TrimSpace(m[2])
	}
	return ""
}

// firstOwnFrameOf returns the innermost frame of the module's own code.
func (s classifier) firstOwnFrameOf(frames []Frame) (Frame, bool) {
	return s.firstOwnFrame(Goroutine{Frames: frames})
}
