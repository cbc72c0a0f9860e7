package checker

import (
	"strings"
	"testing"

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
