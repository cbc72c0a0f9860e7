package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// sealedBinary is a built test binary and the SHA-256 of its content when
// it was built. Every run runs a copy made for it alone, checked against
// the hash as it is copied: a test binary of other code, running as the
// same user while this one waited for its turn, cannot make it run other
// code.
type sealedBinary struct {
	path, sum string
}

// errBinaryChanged says that a test binary's content no longer has the
// hash it was built with.
var errBinaryChanged = errors.New("the test binary changed after it was built")

// sealBinary hashes the binary at path.
func sealBinary(path string) (sealedBinary, error) {
	f, err := os.Open(path)
	if err != nil {
		return sealedBinary{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sealedBinary{}, err
	}
	return sealedBinary{path: path, sum: hex.EncodeToString(h.Sum(nil))}, nil
}

// copyTo copies the binary into dir for one run, and returns the copy's
// path; errBinaryChanged when its content is not what was built.
//
// The copy is written holding syscall.ForkLock for reading, as the os
// package opens files: no process is forked while the copy is open for
// writing, so none inherits that descriptor, and running the copy right
// after cannot fail with "text file busy" while a child started for
// another run has not yet exec'd.
func (b sealedBinary) copyTo(dir string) (string, error) {
	dst := filepath.Join(dir, filepath.Base(b.path))
	syscall.ForkLock.RLock()
	sum, err := copyFile(b.path, dst, 0o755)
	syscall.ForkLock.RUnlock()
	if err != nil {
		return "", err
	}
	if sum != b.sum {
		return "", errBinaryChanged
	}
	return dst, nil
}

// workDir makes the working directory of one run in scratch: a copy of the
// package directory's regular files, with the overlay's in place of
// theirs, and of its testdata folder. The tests read their files where go
// test would let them, and whatever they write there is thrown away with
// the run: never the package's own folder, which for an exercise is the
// kit's module, the tests every later student is graded with.
func workDir(scratch, dir string, overlay map[string]string) (string, error) {
	work := filepath.Join(scratch, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return "", err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", err
	}
	for _, e := range entries {
		src := filepath.Join(dir, e.Name())
		if _, laid := overlay[src]; laid || !e.Type().IsRegular() {
			continue
		}
		if _, err := copyFile(src, filepath.Join(work, e.Name()), 0o644); err != nil {
			return "", err
		}
	}
	for path, repl := range overlay {
		if filepath.Dir(path) != dir || repl == "" {
			continue
		}
		if _, err := copyFile(repl, filepath.Join(work, filepath.Base(path)), 0o644); err != nil {
			return "", err
		}
	}
	testdata := filepath.Join(dir, "testdata")
	err = filepath.WalkDir(testdata, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == testdata && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			return os.MkdirAll(filepath.Join(work, rel), 0o755)
		case d.Type().IsRegular():
			_, err := copyFile(p, filepath.Join(work, rel), 0o644)
			return err
		}
		return nil
	})
	return work, err
}

// Run is the outcome of one execution of a package's test binary.
type Run struct {
	// CPU is the GOMAXPROCS the tests ran with (-test.cpu).
	CPU     int           `json:"cpu"`
	Verdict Verdict       `json:"verdict"`
	Message string        `json:"message,omitempty"`
	Tests   []TestResult  `json:"tests"`
	Elapsed time.Duration `json:"elapsed_ns"`
	// Output is everything the run printed outside its tests, capped.
	Output string `json:"-"`
	// Truncated reports whether some output was cut to fit the cap.
	Truncated bool `json:"truncated,omitempty"`
	// TimeLimit reports that the run's timeout verdict came from its
	// wall-clock limit, which a longer limit moves (see
	// TestResult.TimeLimit).
	TimeLimit bool `json:"-"`
}

// classifyRun turns the events of one run into a verdict for every expected
// test and for the run. expected lists the top-level tests that must report
// a result; a test that never did is not a pass.
func (s classifier) classifyRun(log *Log, expected []string, proc Process) Run {
	log = settled(log, proc)
	run := Run{Output: log.Output, Truncated: log.Truncated}
	s.blamed = map[int]bool{}
	var names []string
	for _, t := range log.Tests {
		names = append(names, t.Name)
	}
	for _, name := range expected {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	var died string // the test that was running when the binary died
	for _, name := range names {
		t := log.Test(name)
		var c classification
		switch {
		case t == nil:
			c = classification{verdict: Fail, message: "never ran: the test binary ended before this test started", notRun: true}
		case t.Action == "pass" && len(t.Skipped) > 0:
			c = classification{verdict: Fail, message: fmt.Sprintf("subtest %s skipped itself: a skipped test is not a pass", t.Skipped[0])}
		case t.Action == "pass":
			c = classification{verdict: Pass}
		case t.Action == "skip":
			c = classification{verdict: Fail, message: "skipped itself: a skipped test is not a pass"}
		case t.Action == "fail":
			c = s.classifyOutput(t.Output, Fail)
		default: // started, never ended: the binary died or was killed
			died = name
			c = s.unfinished(t.Output+"\n"+log.Output, proc)
		}
		if c.verdict == Fail && c.message == "" {
			c.message = "failed"
		}
		run.Tests = append(run.Tests, s.testResult(name, t, c))
	}
	if died == "" && proc.ExitCode != 0 && len(log.Tests) > 0 {
		died = log.Tests[len(log.Tests)-1].Name
	}
	if died != "" {
		for i := range run.Tests {
			if run.Tests[i].NotRun {
				run.Tests[i].Message = "never ran: the test binary died during " + died
			}
		}
	}
	// A test that killed the binary decides over those it kept from
	// running; these decide only when nothing else explains the failure.
	run.Verdict, run.Message = Pass, ""
	var notRun *TestResult
	for i, t := range run.Tests {
		if t.NotRun {
			if notRun == nil {
				notRun = &run.Tests[i]
			}
			continue
		}
		if t.Verdict.Worse(run.Verdict) {
			run.Verdict, run.Message, run.TimeLimit = t.Verdict, t.Name+": "+t.Message, t.TimeLimit
		}
	}
	if run.Verdict != Pass && !proc.Killed && proc.OutOfMemory == 0 && proc.TooMuchOutput == 0 {
		return run
	}
	if pkg, ok := s.afterTests(log, proc); ok && pkg.verdict.Worse(run.Verdict) {
		run.Verdict, run.Message, run.TimeLimit = pkg.verdict, pkg.message, pkg.timeLimit
		// What was found after the tests (a leak, a race in a goroutine
		// that outlived its test) keeps its evidence in a row of its own.
		if pkg.goroutines != nil || pkg.locations != nil || pkg.diagnosis != nil {
			run.Tests = append(run.Tests, s.testResult(AfterTests, nil, pkg))
		}
	}
	if run.Verdict == Pass && notRun != nil {
		run.Verdict, run.Message, run.TimeLimit = notRun.Verdict, notRun.Name+": "+notRun.Message, false
	}
	if len(names) == 0 && run.Verdict == Pass {
		run.Verdict, run.Message, run.TimeLimit = Fail, "no test ran", false
	}
	return run
}

// testResult is a test's verdict with its evidence placed in the checked
// code; t is nil for a test that never ran or for the AfterTests row.
func (s classifier) testResult(name string, t *TestLog, c classification) TestResult {
	locs := c.locations
	if locs == nil {
		locs = s.goroutineLocations(c.goroutines)
	}
	for i := range locs {
		s.src.annotate(&locs[i])
	}
	if c.diagnosis != nil {
		for i := range c.diagnosis.Waits {
			s.src.annotateWait(&c.diagnosis.Waits[i])
		}
	}
	for _, g := range c.goroutines {
		s.blamed[g.ID] = true
	}
	return TestResult{Name: name, Verdict: c.verdict, Message: c.message, NotRun: c.notRun, TimeLimit: c.timeLimit,
		Output: outputOf(t), Elapsed: elapsedOf(t), Goroutines: c.goroutines, Locations: locs, Diagnosis: c.diagnosis}
}

// outOfMemory is the verdict of a run the grader stopped at its memory
// limit: panic, the verdict of the Go runtime's own "fatal error: out of
// memory", in words a student understands; what the output shows (a race
// before the allocation ran away, say) decides first.
func (s classifier) outOfMemory(out string, proc Process) classification {
	c := s.classifyOutput(out, Fail)
	if c.verdict != Fail {
		return c
	}
	return classification{verdict: Panic, message: memoryMessage(proc.OutOfMemory)}
}

// memoryMessage says that a run passed the memory limit.
func memoryMessage(limit int64) string {
	return "the tests used more than " + sizeWords(limit) + " of memory; the grader stopped them"
}

// sizeWords writes a limit in MiB, or in GiB when it is whole GiB.
func sizeWords(limit int64) string {
	if limit >= 1<<30 && limit%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", limit>>30)
	}
	return fmt.Sprintf("%d MiB", limit>>20)
}

// tooMuchOutput is the verdict of a run the grader stopped when its output
// passed the limit: timeout, the verdict it gets at the time limit, which
// a test printing without end reaches first on a busier machine; the
// limit only keeps the disk from filling, and must not change the
// verdict. What the output shows (a race, a panic) decides first, as it
// does at the time limit.
func (s classifier) tooMuchOutput(out string, proc Process) classification {
	c := s.classifyOutput(out, Timeout)
	if c.verdict == Fail || c.verdict == Timeout {
		return classification{verdict: Timeout, message: outputMessage(proc.TooMuchOutput)}
	}
	return c
}

// outputMessage says that a run passed the output limit.
func outputMessage(limit int64) string {
	return "still printing after more than " + sizeWords(limit) + " of output; the grader stopped the tests"
}

// settled is log with the package's final action that test2json gives when
// it runs the test binary itself and sees it exit: the events of a live
// run are converted from the binary's output, which does not say how it
// exited. "fail" when the binary exited with an error, "" when the grader
// stopped it, else "pass" (or "skip", as the binary said).
func settled(log *Log, proc Process) *Log {
	l := *log
	switch {
	case proc.Killed || proc.OutOfMemory > 0 || proc.TooMuchOutput > 0:
		l.Action = ""
	case proc.ExitCode != 0:
		l.Action = "fail"
	case l.Action != "skip":
		l.Action = "pass"
	}
	return &l
}

// unfinished classifies a test that started and never ended.
func (s classifier) unfinished(out string, proc Process) classification {
	if proc.OutOfMemory > 0 {
		return s.outOfMemory(out, proc)
	}
	if proc.TooMuchOutput > 0 {
		return s.tooMuchOutput(out, proc)
	}
	if proc.Killed {
		c := s.classifyOutput(out, Timeout)
		if c.verdict == Fail || c.verdict == Timeout {
			return classification{verdict: Timeout, message: fmt.Sprintf("still running after the %v limit", proc.Limit), timeLimit: true}
		}
		return c
	}
	c := s.classifyOutput(out, Fail)
	if c.verdict == Fail && c.message == "" {
		c.message = fmt.Sprintf("the test binary exited with status %d during this test", proc.ExitCode)
	}
	return c
}

// afterTests classifies what happened outside any test: a leak check or a
// race reported after the tests, a crash in init, a kill at the limit.
func (s classifier) afterTests(log *Log, proc Process) (classification, bool) {
	if proc.OutOfMemory > 0 {
		return s.outOfMemory(log.Output, proc), true
	}
	if proc.TooMuchOutput > 0 {
		return s.tooMuchOutput(log.Output, proc), true
	}
	if proc.Killed {
		c := s.classifyOutput(log.Output, Timeout)
		if c.verdict == Fail || c.message == "" {
			c = classification{verdict: Timeout, message: fmt.Sprintf("still running after the %v limit", proc.Limit)}
		}
		c.timeLimit = c.verdict == Timeout
		return c, true
	}
	if proc.ExitCode == 0 && log.Action != "fail" {
		return classification{}, false
	}
	if strings.Contains(log.Output, goleakReport) {
		return s.leaked(log.Output, leakMessage), true
	}
	c := s.classifyOutput(log.Output, Fail)
	if c.verdict == Fail {
		c.message = fmt.Sprintf("the test binary exited with status %d after its tests", proc.ExitCode)
	}
	return c, true
}

// elapsedOf is how long a test ran, or 0 when it never ran.
func elapsedOf(t *TestLog) time.Duration {
	if t == nil {
		return 0
	}
	return t.Elapsed
}

func outputOf(t *TestLog) string {
	if t == nil {
		return ""
	}
	return t.Output
}
