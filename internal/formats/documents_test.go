package formats

import (
	"fmt"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

// document is a report document that the tests write in every format.
type document struct {
	name string
	doc  *report.Document
}

// nasty is what a student's program may print: control characters, an
// escape sequence, invalid UTF-8, the end of a CDATA section, characters
// that XML, Markdown and workflow commands give a meaning, and forged
// workflow commands.
const nasty = "got \x00\x01\x07\x1b[31mred\x1b[0m \xff\xfe ]]> <b>&amp;</b> 100% a:b,c | `x` \r\n::error::forged\n::add-mask::secret\n\U0001F600 \uFFFE"

// documents are the documents the golden and consumer tests cover: a
// pass, a race with places and diagnosis, a build failure with findings,
// a result that could not be graded, student output that tries to break
// every format, and 30 failing tests (beyond GitHub's annotation limit).
func documents() []document {
	return []document{
		{"pass", tally(&report.Document{Command: "run", Grader: "devel", Go: "go1.26.8", Seconds: 1.5,
			Results: []report.Result{passed("01_wait_for_workers")}})},
		{"race", tally(&report.Document{Command: "run", Grader: "devel", Go: "go1.26.8", Seconds: 1.85,
			Results: []report.Result{race()}})},
		{"build", tally(&report.Document{Command: "grade", Grader: "devel", Go: "go1.26.8", Seconds: 0.7,
			Results: []report.Result{build(), passed("01_wait_for_workers")}})},
		{"error", tally(&report.Document{Command: "grade", Grader: "devel", Go: "go1.26.8", Seconds: 0.2,
			Results: []report.Result{withPoints(report.Failed("05_loop_capture", "exercises/05_loop_capture",
				"exercises/05_loop_capture is missing: restore the folder from the kit to grade it")), build()}})},
		{"nasty", tally(&report.Document{Command: "check", Grader: "devel", Go: "go1.26.8", Seconds: 0.4,
			Results: []report.Result{nastyResult()}})},
		{"verify", tally(&report.Document{Command: "verify", Grader: "devel", Go: "go1.26.8", Seconds: 3,
			Results: verify()})},
		{"many", tally(&report.Document{Command: "grade", Grader: "devel", Go: "go1.26.8", Seconds: 12,
			Results: []report.Result{many(30), race(), passed("01_wait_for_workers")}})},
	}
}

// tally counts the document, as the grader does before writing it.
func tally(doc *report.Document) *report.Document {
	doc.Tally()
	return doc
}

// withPoints gives a result the one point every exercise is worth.
func withPoints(r report.Result) report.Result {
	r.Points = 1
	return r
}

// passed is an exercise whose tests all pass.
func passed(name string) report.Result {
	return report.Result{Name: name, Title: "main returns before its workers finish", Path: "exercises/" + name,
		Verdict: checker.Pass, Passed: true, Points: 1, Seconds: 0.12, Tests: []report.Test{
			{Name: "TestEveryWorkerFinishes", Verdict: checker.Pass, Seconds: 0.05},
			{Name: "TestWorkersRunAtOnce", Verdict: checker.Pass, Seconds: 0.07},
		}}
}

// raceTest is a test that found the race of exercise 02, as the grader
// reports it.
func raceTest(name string) report.Test {
	const file = "exercises/02_counter/main.go"
	fn := "github.com/racekit/racekit/exercises/02_counter.serve"
	return report.Test{Name: name, Verdict: checker.Race, Seconds: 0.01,
		Message: "data race on views: read at main.go:36 conflicts with write at main.go:36",
		Locations: []checker.Location{
			{Role: "read", Goroutine: 9, File: file, Line: 36, Column: 4, Func: fn + ".func1", Code: "\t\t\tviews++", Expr: "views"},
			{Role: "write", Goroutine: 57, File: file, Line: 36, Column: 4, Func: fn + ".func1", Code: "\t\t\tviews++", Expr: "views"},
			{Role: "started", Goroutine: 9, File: file, Line: 31, Column: 3, Func: fn, Code: "\t\tgo func() {"},
			{Role: "started", Goroutine: 57, File: file, Line: 31, Column: 3, Func: fn, Code: "\t\tgo func() {"},
		},
		Diagnosis: &checker.Diagnosis{Kind: "increment", Variable: "views",
			Cause: "views++ reads views and then writes it back: two goroutines doing it at once can read the same old value, and one update is lost",
			Fix:   "guard views with a sync.Mutex held for the read and the write, or make a plain counter atomic (sync/atomic)"},
	}
}

// race is exercise 02 as shipped: both tests race.
func race() report.Result {
	return report.Result{Name: "02_counter", Title: "page views lost by a shared counter", Path: "exercises/02_counter",
		Verdict: checker.Race, Points: 1, Seconds: 0.038,
		Message: "TestEveryViewCounted: data race on views: read at main.go:36 conflicts with write at main.go:36",
		Tests:   []report.Test{raceTest("TestEveryViewCounted"), raceTest("TestRequestsHandledAtOnce")},
		Hints:   []string{"Which variable do all the handler goroutines write? What keeps two of them from writing it at the same moment?"},
	}
}

// build is an exercise that does not compile, with the compiler's and
// vet's findings.
func build() report.Result {
	return report.Result{Name: "03_map_writes", Title: "a cache map written by many goroutines", Path: "exercises/03_map_writes",
		Verdict: checker.Build, Points: 1, Message: "main.go:3:13: undefined: missing", Tests: []report.Test{},
		Build: []checker.Finding{
			{Source: "compiler", File: "exercises/03_map_writes/main.go", Line: 3, Column: 13, Message: "undefined: missing", Code: "var x = 1 + missing"},
			{Source: "compiler", File: "exercises/03_map_writes/main.go", Line: 9, Column: 2, Message: "declared and not used: y"},
		},
		Vet: []checker.Finding{{Source: "vet:copylocks", File: "exercises/03_map_writes/main.go", Line: 20, Column: 9, Message: "range var c copies lock: sync.Mutex"}},
	}
}

// nastyResult is a package whose test printed nasty output, with a test
// name used twice and a verdict-named test, as grade check --verbose
// reports it.
func nastyResult() report.Result {
	t := report.Test{Name: "TestOutput", Verdict: checker.Fail, Message: nasty, Seconds: 0.002, Output: "=== RUN TestOutput\n" + nasty + "\n--- FAIL: TestOutput\n",
		Locations: []checker.Location{{Role: "panic", Goroutine: 7, File: "weird/out.go", Line: 12, Column: 2, Code: "\tfmt.Println(\"]]>\")"}},
		Diagnosis: &checker.Diagnosis{Kind: "panic", Cause: "cause with ]]> and \x00 and \xff", Fix: "fix: <nothing>"}}
	return report.Result{Name: "weird ]]> <pkg> & \"q\"", Path: "weird", Verdict: checker.Fail, Points: 1, Message: "TestOutput: " + nasty, Seconds: 0.01,
		Tests:  []report.Test{t, t, {Name: "fail", Verdict: checker.Pass}},
		Output: "outside the tests: " + nasty + "\n::stop-commands::guess\n",
	}
}

// verify is what grade verify reports: exercise 02 as shipped races as
// declared (it passes), and a solution that still races (it fails).
func verify() []report.Result {
	shipped := race()
	shipped.Passed, shipped.Expected, shipped.Message = true, checker.Race, "race on 2 of 2 runs"
	shipped.Runs = map[checker.Verdict]int{checker.Race: 2}
	solution := race()
	solution.Name, solution.Path, solution.Expected, solution.Message = "solutions/02_counter", "solutions/02_counter", checker.Pass, "race on 1 of 2 runs, expected pass"
	solution.Runs = map[checker.Verdict]int{checker.Race: 1, checker.Pass: 1}
	return []report.Result{shipped, solution}
}

// many is an exercise with n failing tests.
func many(n int) report.Result {
	r := report.Result{Name: "99_many", Title: "many tests", Path: "exercises/99_many", Verdict: checker.Deadlock, Points: 1,
		Message: "TestStuck01: the test timed out", Seconds: 30}
	for i := 1; i <= n; i++ {
		r.Tests = append(r.Tests, report.Test{Name: fmt.Sprintf("TestStuck%02d", i), Verdict: checker.Deadlock, Seconds: 1,
			Message: "the test timed out: 1 goroutine waits to send on a channel that no goroutine receives from (main.go:14)",
			Locations: []checker.Location{
				{Role: "chan send", Goroutine: 10 + i, File: "exercises/99_many/main.go", Line: 14, Column: 3, Code: "\t\tout <- v"},
				{Role: "started", Goroutine: 10 + i, File: "exercises/99_many/main.go", Line: 12, Column: 2, Code: "\tgo func() {"},
			},
			Diagnosis: &checker.Diagnosis{Kind: "channel-send", Cause: "a send on an unbuffered channel waits for a receiver", Fix: "receive every value you send",
				Waits: []checker.Wait{{State: "chan send", Count: 1, File: "exercises/99_many/main.go", Line: 14, Column: 3, Func: "main.produce.func1",
					Phrase: "wait to send on a channel that no goroutine receives from"}}}})
	}
	return r
}
