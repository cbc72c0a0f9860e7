package checker

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	liveOnce    sync.Once
	liveChecker *Checker
	liveErr     error
)

// live returns a checker over the real toolchain, or skips the test under
// -short.
func live(t *testing.T) *Checker {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the toolchain; skipped with -short")
	}
	liveOnce.Do(func() {
		var tc *Toolchain
		tc, liveErr = FindToolchain(context.Background())
		liveChecker = New(tc, 0)
	})
	require.NoError(t, liveErr)
	return liveChecker
}

// TestConfirm checks that a pass is confirmed: code that passes the first
// run and fails a confirming one fails.
func TestConfirm(t *testing.T) {
	c := live(t)
	if runtime.NumCPU() == 1 {
		t.Skip("the first run is at GOMAXPROCS 1 here, so the fixture fails at once")
	}
	dir := "testdata/fixtures/confirm"
	res, err := c.Check(context.Background(), Options{Dir: dir})
	require.NoError(t, err)
	assert.Equal(t, Pass, res.Verdict, "one run at the machine's GOMAXPROCS passes")
	res, err = c.Check(context.Background(), Options{Dir: dir, Confirm: []int{1, 2, 4}})
	require.NoError(t, err)
	assert.Equal(t, Fail, res.Verdict, res.Message)
	assert.Len(t, res.Runs, 4, "the first run and three confirming ones")
	res, err = c.Check(context.Background(), Options{Dir: "testdata/fixtures/fail", Confirm: []int{1, 2, 4}})
	require.NoError(t, err)
	assert.Len(t, res.Runs, 1, "a failure is not confirmed")
}

// TestTestEnvironment runs a test binary with a secret and settings of its
// own in the grader's environment: the student's code sees neither.
func TestTestEnvironment(t *testing.T) {
	c := live(t)
	t.Setenv("RACEKIT_SECRET_TOKEN", "hunter2")
	t.Setenv("GOTRACEBACK", "none")
	t.Setenv("HOME", t.TempDir())
	res, err := c.Check(context.Background(), Options{Dir: "testdata/fixtures/env"})
	require.NoError(t, err)
	assert.Equal(t, Pass, res.Verdict, res.Message)
}

// TestFixtures grades every fixture package with the real toolchain: one
// per verdict, inside this module and in a module of its own.
func TestFixtures(t *testing.T) {
	c := live(t)
	noScheduler, _ := LookupRule("no-scheduler")
	tests := []struct {
		dir     string
		opts    Options
		verdict Verdict
		message string
	}{
		{dir: "pass", verdict: Pass},
		{dir: "fail", verdict: Fail, message: "TestSum: sum is 4, want 5"},
		{dir: "race", verdict: Race, message: "TestCount: data race on hits: read at fix.go:12 conflicts with write at fix.go:12"},
		{dir: "panic", verdict: Panic, message: "TestCloseTwice: close of closed channel at fix_test.go:8"},
		{dir: "fatalmap", verdict: Panic, message: "TestUnlockUnlocked: sync: unlock of unlocked mutex"},
		{dir: "deadlock", verdict: Deadlock, message: "1 goroutine of the test waits to receive from a channel that no goroutine sends on or closes (fix_test.go:12)"},
		{dir: "mutexdeadlock", verdict: Deadlock, message: "1 goroutine of the test waits in Mutex.Lock for mu, which the same goroutine already holds, locked at fix_test.go:14 (fix_test.go:15)"},
		{dir: "timeout", verdict: Timeout, message: "a goroutine is still running at fix_test.go:14"},
		{dir: "spininit", opts: Options{Timeout: time.Second}, verdict: Timeout, message: "still running after the 1s limit"},
		{dir: "exit", verdict: Exit, message: "run returned while 3 of 5 workers were still working"},
		{dir: "leak", verdict: Leak, message: "goroutines are still running after the test ended"},
		{dir: "vet", verdict: Vet, message: "fix.go:13:9: Get passes lock by value"},
		{dir: "rule", opts: Options{Rules: []StaticRule{noScheduler}}, verdict: Rule, message: "fix.go:7:16: runtime.Gosched changes the timing"},
		{dir: "build", verdict: Build, message: "fix.go:5:28: undefined: missing"},
		{dir: "skip", verdict: Fail, message: "skipped itself"},
		{dir: "exitinit", verdict: Fail, message: "TestNeverRuns: never ran"},
		{dir: "noisy", opts: Options{OutputLimit: 64 << 10}, verdict: Fail, message: "TestFloods:"},
		{dir: "othermod/racy", verdict: Race, message: "data race"},
		{dir: "ticker", opts: Options{Timeout: 2 * time.Second}, verdict: Timeout, message: "a goroutine waits for a timer at crawl.go:15"},
		{dir: "vettest", verdict: Pass},
		{dir: "vettest", opts: Options{VetOwnsTests: true}, verdict: Vet, message: "sum_test.go:10:4: call to (*testing.T).FailNow from a non-test goroutine"},
		{dir: "testmaint", verdict: Pass},
	}
	for _, tt := range tests {
		name := tt.dir
		if tt.opts.VetOwnsTests {
			name += "/vet-owns-tests"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			opts := tt.opts
			opts.Dir = filepath.Join("testdata", "fixtures", tt.dir)
			if opts.Timeout == 0 {
				opts.Timeout = 10 * time.Second
			}
			res, err := c.Check(context.Background(), opts)
			require.NoError(t, err)
			assert.Equal(t, tt.verdict, res.Verdict, "message: %s", res.Message)
			assert.Contains(t, res.Message, tt.message)
		})
	}
}

// TestVetNotesInTests checks that go vet's finding in a test file the
// graded code does not own is kept, as a note.
func TestVetNotesInTests(t *testing.T) {
	c := live(t)
	res, err := c.Check(context.Background(), Options{Dir: "testdata/fixtures/vettest"})
	require.NoError(t, err)
	require.Len(t, res.Vet, 1)
	assert.True(t, res.Vet[0].Note)
	assert.Equal(t, "vet:testinggoroutine", res.Vet[0].Source)
	assert.Equal(t, Pass, res.RunVerdict(res.Runs[0]))
}

// TestNoisyOutputIsCapped checks that a test printing megabytes keeps only
// the cap, with its last words.
func TestNoisyOutputIsCapped(t *testing.T) {
	c := live(t)
	res, err := c.Check(context.Background(), Options{Dir: "testdata/fixtures/noisy", OutputLimit: 64 << 10})
	require.NoError(t, err)
	require.Len(t, res.Tests, 1)
	out := res.Tests[0].Output
	assert.Less(t, len(out), 70<<10)
	assert.Contains(t, out, "bytes of output cut")
	assert.Contains(t, out, "the last words")
	assert.True(t, res.Runs[0].Truncated)
}

// TestRepeatsAndCPUs checks that every repeat at every CPU count is a run
// of its own.
func TestRepeatsAndCPUs(t *testing.T) {
	c := live(t)
	res, err := c.Check(context.Background(), Options{Dir: "testdata/fixtures/race", Repeat: 2, CPU: []int{1, 4}})
	require.NoError(t, err)
	require.Len(t, res.Runs, 4)
	for i, want := range []int{1, 1, 4, 4} {
		assert.Equal(t, want, res.Runs[i].CPU)
		assert.Equal(t, Race, res.Runs[i].Verdict, "run %d", i)
	}
}

// TestOverlayReplacesFiles checks that an overlay swaps a file at build
// time: the failing test file replaced by a passing one.
func TestOverlayReplacesFiles(t *testing.T) {
	c := live(t)
	dir, err := filepath.Abs("testdata/fixtures/fail")
	require.NoError(t, err)
	pass, err := filepath.Abs("testdata/fixtures/pass/fix_test.go")
	require.NoError(t, err)
	res, err := c.Check(context.Background(), Options{Dir: dir, Overlay: map[string]string{filepath.Join(dir, "fix_test.go"): pass}})
	require.NoError(t, err)
	assert.Equal(t, Pass, res.Verdict, res.Message)
	require.Len(t, res.Tests, 1)
	assert.Equal(t, "TestCounter", res.Tests[0].Name)
}

func TestNoTests(t *testing.T) {
	c := live(t)
	_, err := c.Check(context.Background(), Options{Dir: "testdata/fixtures/othermod"})
	assert.ErrorIs(t, err, ErrNoTests)
	_, err = c.Check(context.Background(), Options{Dir: "testdata/fixtures/missing"})
	assert.ErrorContains(t, err, "is not a directory")
}

// TestLeaksInAnyPackage grades packages that know nothing of the kit with
// FindLeaks: goroutines left blocked after the tests are a leak, found by
// the laid-over TestMain or by the package's own goleak, with where they
// wait and where they were started.
func TestLeaksInAnyPackage(t *testing.T) {
	c := live(t)
	tests := []struct {
		dir     string
		verdict Verdict
		message string
		// row is the test that holds the evidence; "" for none.
		row   string
		state string
		note  string
	}{
		{dir: "anyleak", verdict: Leak, row: AfterTests, state: "chan send",
			message: "goroutines are still running after the tests ended: 1 goroutine waits to send on a channel that no goroutine receives from (gen.go:10), started at gen.go:8"},
		{dir: "xleak", verdict: Leak, row: AfterTests, state: "chan send", message: "(gen.go:10), started at gen.go:8"},
		{dir: "goleaked", verdict: Leak, row: "TestLookupGivesUp", state: "chan send",
			message: "TestLookupGivesUp: goroutines are still running after the tests ended: 1 goroutine waits to send on a channel that no goroutine receives from (lookup.go:15), started at lookup.go:13"},
		{dir: "goleakmain", verdict: Leak, row: AfterTests, state: "chan send", message: "(lookup.go:15), started at lookup.go:13"},
		{dir: "ownmain", verdict: Leak, row: AfterTests, state: "chan send", message: "(gen.go:10), started at gen.go:8"},
		{dir: "ownmainret", verdict: Leak, row: AfterTests, state: "chan send", message: "(gen.go:10), started at gen.go:8"},
		{dir: "onway", verdict: Pass},
		{dir: "testmaint", verdict: Pass},
		{dir: "pass", verdict: Pass},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			t.Parallel()
			res, err := c.Check(context.Background(), Options{Dir: filepath.Join("testdata", "fixtures", tt.dir), FindLeaks: true, Timeout: 10 * time.Second})
			require.NoError(t, err)
			assert.Equal(t, tt.verdict, res.Verdict, "message: %s\n%s", res.Message, res.Output)
			assert.Contains(t, res.Message, tt.message)
			if tt.note != "" {
				require.Len(t, res.Notes, 1)
				assert.Contains(t, res.Notes[0], tt.note)
			}
			if tt.row == "" {
				return
			}
			var row *TestResult
			for i := range res.Tests {
				if res.Tests[i].Name == tt.row {
					row = &res.Tests[i]
				}
			}
			require.NotNil(t, row, "no row %q in %+v", tt.row, res.Tests)
			require.NotNil(t, row.Diagnosis)
			assert.Equal(t, "leak", row.Diagnosis.Kind)
			roles := map[string]bool{}
			for _, l := range row.Locations {
				roles[l.Role] = true
			}
			assert.True(t, roles[tt.state], "no location where it waits: %+v", row.Locations)
			assert.True(t, roles["started"], "no location where it was started: %+v", row.Locations)
		})
	}
}

// TestRaceAfterItsTest grades a race in a goroutine that outlives its
// test: the bounded wait after the tests lets the race detector see it on
// every run, without its exit sleep.
func TestRaceAfterItsTest(t *testing.T) {
	c := live(t)
	res, err := c.Check(context.Background(), Options{Dir: "testdata/fixtures/outlive", FindLeaks: true, Repeat: 10, CPU: []int{2}})
	require.NoError(t, err)
	require.Len(t, res.Runs, 10)
	for i, run := range res.Runs {
		assert.Equal(t, Race, run.Verdict, "run %d: %s", i, run.Message)
	}
	assert.Contains(t, res.Message, "data race on err")
}

// TestStopOnHang checks that once a run hangs, the runs not yet started
// are left out, and those made all hung.
func TestStopOnHang(t *testing.T) {
	c := New(live(t).tc, 2)
	res, err := c.Check(context.Background(), Options{Dir: "testdata/fixtures/ticker", Timeout: 2 * time.Second,
		Repeat: 3, CPU: []int{1, 2, 4}, StopOnHang: true})
	require.NoError(t, err)
	assert.Equal(t, Timeout, res.Verdict)
	assert.NotEmpty(t, res.Runs)
	assert.Less(t, len(res.Runs), 9)
	for _, run := range res.Runs {
		assert.Equal(t, Timeout, run.Verdict)
	}
}
