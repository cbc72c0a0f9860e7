package checker

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOwnsLeavesOutTheKitHelpers(t *testing.T) {
	s := classifier{root: "/src/racekit"}
	assert.True(t, s.owns(Frame{Func: "github.com/racekit/racekit/exercises/01_wait_for_workers.run", File: "/src/racekit/exercises/01_wait_for_workers/main.go"}))
	assert.False(t, s.owns(Frame{Func: "github.com/racekit/racekit/racetest.Within", File: "/src/racekit/racetest/within.go"}))
	assert.False(t, s.owns(Frame{Func: "github.com/racekit/racekit/racetest/marker.Format", File: "/src/racekit/racetest/marker/marker.go"}))
	assert.False(t, s.owns(Frame{Func: "runtime.gopark", File: "/usr/local/go/src/runtime/proc.go"}))
}

// TestStuckOrSlow checks what a timeout's goroutine dump means: blocked
// for good is a deadlock; asleep, or running on another thread with no
// stack shown, is still working: a timeout.
func TestStuckOrSlow(t *testing.T) {
	const head = "panic: test timed out after 2s\n\trunning tests:\n\t\tTestX (2s)\n\n"
	const main = "goroutine 7 [chan receive]:\nexample.com/m.TestX(0xc000)\n\t/mod/x_test.go:9 +0x1d\n\n"
	checkClassified(t, []classifyCase{
		{name: "blocked", out: head + main, verdict: Deadlock, message: "the test timed out: 1 goroutine of the test waits to receive"},
		{name: "asleep", out: head + main + "goroutine 8 [sleep]:\ntime.Sleep(0x3b9aca00)\n\t/go/src/runtime/time.go:300 +0x11\nexample.com/m.work()\n\t/mod/x.go:5 +0x1d\ncreated by example.com/m.TestX in goroutine 7\n\t/mod/x_test.go:8 +0x1d\n\n",
			verdict: Timeout, message: "a goroutine waits for a timer at x.go:5"},
		{name: "running elsewhere", out: head + main + "goroutine 9 [running]:\n\tgoroutine running on other thread; stack unavailable\n\n",
			verdict: Timeout, message: "a goroutine is still running (on another thread"},
	})
}

// TestBubbleExited checks what the goroutines of a synctest bubble whose
// function returned mean, as its panic's dump shows them: asleep is still
// working (exit), blocked on anything else is left behind (leak). A dump
// taken earlier, when racetest.Within gave up on the bubble while its root
// slept in fake time, does not count.
func TestBubbleExited(t *testing.T) {
	const panicked = "--- FAIL: TestX (5.00s)\n" +
		"panic: " + bubbleExitedPanic + " [recovered, repanicked]\n\n" +
		"goroutine 7 [running]:\ntesting/synctest.Test(0xc0000b6248, 0x655428)\n\t/go/src/testing/synctest/synctest.go:290 +0x125\n" +
		"example.com/m.TestX(0xc0000b6248)\n\t/mod/x_test.go:4 +0x2e\n\n"
	const sender = "goroutine 9 [chan send (durable), synctest bubble 1]:\nexample.com/m.produce.func1()\n\t/mod/x.go:6 +0x3d\n" +
		"created by example.com/m.produce in goroutine 18\n\t/mod/x.go:5 +0x9a\n\n"
	const sleeper = "goroutine 10 [sleep (durable), synctest bubble 1]:\ntime.Sleep(0x3b9aca00)\n\t/go/src/runtime/time.go:300 +0x11\n" +
		"example.com/m.work()\n\t/mod/x.go:9 +0x1d\ncreated by example.com/m.produce in goroutine 18\n\t/mod/x.go:8 +0x9a\n\n"
	const withinGaveUp = "=== RUN   TestX\n    within.go:36: goroutine dump:\n" +
		"goroutine 18 [sleep, synctest bubble 1]:\ntime.Sleep(0x3b9aca00)\n\t/go/src/runtime/time.go:300 +0x11\n" +
		"example.com/m.TestX.func1(0xc0000b6248)\n\t/mod/x_test.go:7 +0x1d\n\n" + sender +
		"    within.go:37: racekit:stuck: did not finish within 5s\n"
	checkClassified(t, []classifyCase{
		{name: "left behind", out: panicked + sender, verdict: Leak, message: "the test returned while 1 goroutine waits to send"},
		{name: "still working", out: panicked + sender + sleeper, verdict: Exit, message: "the test returned while 2 goroutines were still working"},
		{name: "after within gave up", out: withinGaveUp + panicked + sender, verdict: Leak, message: "the test returned while 1 goroutine waits to send"},
	})
}

// classifyCase is a failed test's output and what classifyOutput must make
// of it: the verdict, and a part of the message.
type classifyCase struct {
	name    string
	out     string
	verdict Verdict
	message string
}

// checkClassified classifies each case's output, as the module /mod's, and
// checks its verdict and message.
func checkClassified(t *testing.T, cases []classifyCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			c := testClassifier().classifyOutput(tt.out, Fail)
			assert.Equal(t, tt.verdict, c.verdict, c.message)
			assert.Contains(t, c.message, tt.message)
		})
	}
}

// testClassifier classifies dumps of the module rooted at /mod, with no
// source files to quote.
func testClassifier() classifier {
	return classifier{root: "/mod", src: newSourceFiles(nil), blamed: map[int]bool{}}
}

// TestGoleakReport checks that goleak's report in a failed test is a leak
// with the goroutines it lists, not a wrong result.
func TestGoleakReport(t *testing.T) {
	out := "=== RUN   TestLookup\n" +
		"    leaks.go:78: found unexpected goroutines:\n" +
		"        [Goroutine 21 in state chan send, with example.com/m.Lookup.func1 on top of the stack:\n" +
		"        example.com/m.Lookup.func1()\n" +
		"        \t/mod/lookup.go:15 +0x44\n" +
		"        created by example.com/m.Lookup in goroutine 20\n" +
		"        \t/mod/lookup.go:13 +0x9c\n" +
		"        ]\n" +
		"--- FAIL: TestLookup (0.44s)\n"
	c := testClassifier().classifyOutput(out, Fail)
	assert.Equal(t, Leak, c.verdict, c.message)
	assert.Contains(t, c.message, "1 goroutine waits to send on a channel that no goroutine receives from (lookup.go:15), started at lookup.go:13")
	if assert.NotNil(t, c.diagnosis) {
		assert.Equal(t, "leak", c.diagnosis.Kind)
	}
}
