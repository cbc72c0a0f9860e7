package checker

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// replayLines classifies test2json events given one a line.
func replayLines(t *testing.T, rec Recording, events ...string) Run {
	t.Helper()
	run, err := Replay(strings.NewReader(strings.Join(events, "\n")+"\n"), rec)
	require.NoError(t, err)
	return run
}

func TestNeverRanFailsTheRun(t *testing.T) {
	run := replayLines(t, Recording{Root: "/src/m", Expected: []string{"TestA", "TestB"}},
		`{"Action":"run","Test":"TestA"}`,
		`{"Action":"pass","Test":"TestA"}`,
		`{"Action":"pass"}`,
	)
	require.Len(t, run.Tests, 2)
	assert.False(t, run.Tests[0].NotRun)
	assert.True(t, run.Tests[1].NotRun)
	assert.Equal(t, Fail, run.Verdict)
	assert.Equal(t, "TestB: never ran: the test binary ended before this test started", run.Message)
}

func TestNeverRanNamesTheTestThatDied(t *testing.T) {
	run := replayLines(t, Recording{Root: "/src/m", Expected: []string{"TestA", "TestB"}, ExitCode: 2},
		`{"Action":"run","Test":"TestA"}`,
		`{"Action":"pass","Test":"TestA"}`,
		`{"Action":"run","Test":"TestC"}`,
	)
	require.Len(t, run.Tests, 3)
	assert.True(t, run.Tests[2].NotRun)
	assert.Equal(t, "never ran: the test binary died during TestC", run.Tests[2].Message)
	assert.Equal(t, Fail, run.Verdict)
	assert.Equal(t, "TestC: the test binary exited with status 2 during this test", run.Message)
}

func TestNeverRanIsNotReadFromTheMessage(t *testing.T) {
	run := replayLines(t, Recording{Root: "/src/m", Expected: []string{"TestA"}},
		`{"Action":"run","Test":"TestA"}`,
		`{"Action":"output","Test":"TestA","Output":"    a_test.go:3: never ran: words of the test's own\n"}`,
		`{"Action":"fail","Test":"TestA"}`,
		`{"Action":"fail"}`,
	)
	require.Len(t, run.Tests, 1)
	assert.False(t, run.Tests[0].NotRun)
	assert.Equal(t, "TestA: never ran: words of the test's own", run.Message)
}

// TestOutOfMemory classifies runs the grader stopped at the memory limit:
// the test that was running gets panic, in words a student reads, unless
// its output already shows something more telling; a run stopped outside
// any test gets it too.
func TestOutOfMemory(t *testing.T) {
	const gib = 2 << 30
	for _, tt := range []struct {
		name    string
		events  []string
		limit   int64
		verdict Verdict
		message string
	}{
		{name: "in a test", limit: gib, verdict: Panic, message: "TestA: the tests used more than 2 GiB of memory; the grader stopped them",
			events: []string{`{"Action":"run","Test":"TestA"}`}},
		{name: "a limit in MiB", limit: 300 << 20, verdict: Panic, message: "TestA: the tests used more than 300 MiB of memory; the grader stopped them",
			events: []string{`{"Action":"run","Test":"TestA"}`}},
		{name: "after a race", limit: gib, verdict: Race,
			events: []string{`{"Action":"run","Test":"TestA"}`, `{"Action":"output","Test":"TestA","Output":"WARNING: DATA RACE\n"}`}},
		{name: "outside the tests", limit: gib, verdict: Panic, message: "the tests used more than 2 GiB of memory",
			events: []string{`{"Action":"run","Test":"TestA"}`, `{"Action":"pass","Test":"TestA"}`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			log, err := ReadEvents(strings.NewReader(strings.Join(tt.events, "\n")+"\n"), DefaultOutputLimit)
			require.NoError(t, err)
			run := classifier{root: "/src/m"}.classifyRun(log, []string{"TestA"}, Process{ExitCode: -1, OutOfMemory: tt.limit})
			assert.Equal(t, tt.verdict, run.Verdict, run.Message)
			assert.Contains(t, run.Message, tt.message)
		})
	}
}

// TestTooMuchOutput classifies runs the grader stopped at the output
// limit: timeout, as at the time limit that a test printing without end
// reaches first on a busier machine, in words that say so, unless the
// output already shows something more telling.
func TestTooMuchOutput(t *testing.T) {
	for _, tt := range []struct {
		name    string
		events  []string
		verdict Verdict
		message string
	}{
		{name: "in a test", verdict: Timeout, message: "TestA: still printing after more than 1 GiB of output; the grader stopped the tests",
			events: []string{`{"Action":"run","Test":"TestA"}`, `{"Action":"output","Test":"TestA","Output":"xxxx"}`}},
		{name: "after the test's own error", verdict: Timeout, message: "TestA: still printing after more than 1 GiB",
			events: []string{`{"Action":"run","Test":"TestA"}`, `{"Action":"output","Test":"TestA","Output":"    a_test.go:3: wrong\n"}`}},
		{name: "after a panic", verdict: Panic,
			events: []string{`{"Action":"run","Test":"TestA"}`, `{"Action":"output","Test":"TestA","Output":"panic: boom\n"}`}},
		{name: "outside the tests", verdict: Timeout, message: "still printing after more than 1 GiB of output",
			events: []string{`{"Action":"run","Test":"TestA"}`, `{"Action":"pass","Test":"TestA"}`, `{"Action":"output","Output":"xxxx"}`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			log, err := ReadEvents(strings.NewReader(strings.Join(tt.events, "\n")+"\n"), DefaultOutputLimit)
			require.NoError(t, err)
			run := classifier{root: "/src/m"}.classifyRun(log, []string{"TestA"}, Process{ExitCode: -1, TooMuchOutput: 1 << 30})
			assert.Equal(t, tt.verdict, run.Verdict, run.Message)
			assert.Contains(t, run.Message, tt.message)
		})
	}
}

// TestSettledAction gives the package the final action test2json gives
// when it sees the binary exit: a live run's events are converted from
// the binary's output alone.
func TestSettledAction(t *testing.T) {
	for _, tt := range []struct {
		name   string
		action string
		proc   Process
		want   string
	}{
		{name: "failed", action: "", proc: Process{ExitCode: 1}, want: "fail"},
		{name: "printed PASS and failed", action: "pass", proc: Process{ExitCode: 2}, want: "fail"},
		{name: "printed FAIL and exited 0", action: "fail", proc: Process{}, want: "pass"},
		{name: "passed", action: "", proc: Process{}, want: "pass"},
		{name: "skipped", action: "skip", proc: Process{}, want: "skip"},
		{name: "killed", action: "pass", proc: Process{ExitCode: -1, Killed: true}, want: ""},
		{name: "out of memory", action: "", proc: Process{ExitCode: -1, OutOfMemory: 1 << 30}, want: ""},
		{name: "too much output", action: "", proc: Process{ExitCode: -1, TooMuchOutput: 1 << 30}, want: ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			log := &Log{Action: tt.action}
			assert.Equal(t, tt.want, settled(log, tt.proc).Action)
			assert.Equal(t, tt.action, log.Action, "the log itself is left as it was")
		})
	}
}

// TestTimeLimit tells a timeout at the run's wall-clock limit, which a
// longer limit moves, from a test that gave up on code that never
// finishes (racetest.Within), which no limit helps.
func TestTimeLimit(t *testing.T) {
	const (
		sleeper = "goroutine 8 [sleep]:\ntime.Sleep(0x1)\n\t/go/src/runtime/time.go:361 +0x1\nexample.com/m.work()\n\t/src/m/a.go:9 +0x1\ncreated by example.com/m.TestA in goroutine 6\n\t/src/m/a_test.go:10 +0x2\n"
		spinner = "goroutine 7 [running]:\nexample.com/m.spin()\n\t/src/m/a.go:5 +0x1\ncreated by example.com/m.TestA in goroutine 6\n\t/src/m/a_test.go:9 +0x2\n"
	)
	dump := func(header string, goroutines ...string) string {
		if goroutines == nil {
			goroutines = []string{spinner}
		}
		out := header + "\n\n" + strings.Join(goroutines, "\n")
		data, err := json.Marshal(Event{Action: "output", Test: "TestA", Output: out})
		require.NoError(t, err)
		return string(data)
	}
	for _, tt := range []struct {
		name      string
		rec       Recording
		events    []string
		message   string
		timeLimit bool
	}{
		{name: "the test gave up", message: "TestA: never finished: a goroutine is still running at a.go:5, spinning or waiting without end (the test gave up after 2s)",
			events: []string{`{"Action":"run","Test":"TestA"}`, dump("    a_test.go:12: racekit: stuck: did not finish within 2s"), `{"Action":"fail","Test":"TestA"}`, `{"Action":"fail"}`}},
		{name: "the test gave up on a spin beside timers", message: "TestA: never finished: a goroutine is still running at a.go:5, spinning or waiting without end (the test gave up after 2s)",
			events: []string{`{"Action":"run","Test":"TestA"}`, dump("    a_test.go:12: racekit: stuck: did not finish within 2s", sleeper, spinner), `{"Action":"fail","Test":"TestA"}`, `{"Action":"fail"}`}},
		{name: "the test gave up on timers", message: "TestA: did not finish within 2s: a goroutine waits for a timer at a.go:9, still working when the time ran out",
			events: []string{`{"Action":"run","Test":"TestA"}`, dump("    a_test.go:12: racekit: stuck: did not finish within 2s", sleeper), `{"Action":"fail","Test":"TestA"}`, `{"Action":"fail"}`}},
		{name: "the test binary's timeout beside timers", rec: Recording{ExitCode: 2}, message: "TestA: the test timed out: a goroutine waits for a timer at a.go:9, still working when the time ran out", timeLimit: true,
			events: []string{`{"Action":"run","Test":"TestA"}`, dump("panic: test timed out after 2s", sleeper, spinner)}},
		{name: "the test binary's timeout", rec: Recording{ExitCode: 2}, message: "TestA: the test timed out: a goroutine is still running at a.go:5", timeLimit: true,
			events: []string{`{"Action":"run","Test":"TestA"}`, dump("panic: test timed out after 2s")}},
		{name: "killed at the limit", rec: Recording{ExitCode: -1, Killed: true, Limit: 2 * time.Second}, message: "TestA: still running after the 2s limit", timeLimit: true,
			events: []string{`{"Action":"run","Test":"TestA"}`}},
		{name: "killed after the tests", rec: Recording{ExitCode: -1, Killed: true, Limit: 2 * time.Second}, message: "still running after the 2s limit", timeLimit: true,
			events: []string{`{"Action":"run","Test":"TestA"}`, `{"Action":"pass","Test":"TestA"}`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.rec
			rec.Root, rec.Expected = "/src/m", []string{"TestA"}
			rec.ReadFile = func(string) ([]byte, error) { return nil, os.ErrNotExist }
			run := replayLines(t, rec, tt.events...)
			assert.Equal(t, Timeout, run.Verdict, run.Message)
			assert.Equal(t, tt.message, run.Message)
			assert.Equal(t, tt.timeLimit, run.TimeLimit)
			for _, tr := range run.Tests {
				if d := tr.Diagnosis; d != nil && !tt.timeLimit {
					assert.NotContains(t, d.Fix, "longer limit", "the test's own limit cannot be raised")
				}
			}
		})
	}
}
