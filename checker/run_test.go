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
