package checker

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHostile grades code that tries to get a pass it did not earn, or to
// hold the grader: each case gets a verdict that says what happened, and
// none passes what it did not earn. Tests that pass but leave processes
// running (a child, a grandchild, one in a session of its own) may pass,
// but nothing they started survives Check. The heavy cases (hundreds of megabytes of output, a
// goroutine bomb) run only with RACEKIT_HEAVY=1 (make hostile). With
// RACEKIT_BUSY=1 every CPU is kept busy meanwhile, and each case must get
// the same verdict: time limits are the code's own, not the machine's
// load (make hostile runs both), output floods included: the test binary
// writes to a file, and never waits for the grader to read it.
func TestHostile(t *testing.T) {
	c := live(t)
	busy(t)
	tests := []struct {
		dir     string
		heavy   bool
		timeout time.Duration
		verdict Verdict
		message string
		// reaped: every "child pid N" the tests log names a process that
		// is gone once Check returns (Linux: the subreaper).
		reaped bool
		// code: files laid over the fixture's own (name to content), as
		// grade lays a student's code over an exercise.
		code map[string]string
		// memory: the run's memory limit, when not the default.
		memory int64
	}{
		{dir: "hostile/spintest", timeout: 2 * time.Second, verdict: Timeout, message: "TestSpins: the test timed out: a goroutine is still running"},
		{dir: "spininit", timeout: time.Second, verdict: Timeout, message: "still running after the 1s limit"},
		{dir: "exitinit", verdict: Fail, message: "TestNeverRuns: never ran"},
		{dir: "hostile/exit0test", verdict: Panic, message: "TestExits: unexpected call to os.Exit(0) during test at exit_test.go:8"},
		{dir: "hostile/nomrun", verdict: Fail, message: "TestNeverRuns: never ran"},
		{dir: "skip", verdict: Fail, message: "TestSkipped: skipped itself"},
		{dir: "hostile/subskip", verdict: Fail, message: "TestAll: subtest TestAll/only skipped itself"},
		{dir: "hostile/deferpanic", verdict: Panic, message: "TestDeferred: deferred boom at panic_test.go:7"},
		{dir: "noisy", verdict: Fail, message: "TestFloods:"},
		{dir: "hostile/norace", verdict: Build, message: "undefined: Double (fast.go: a //go:build line leaves it out when the race detector is on"},
		{dir: "hostile/child", verdict: Pass, reaped: true},
		{dir: "hostile/setsid", verdict: Pass, reaped: true},
		{dir: "hostile/grandchild", verdict: Pass, reaped: true},
		{dir: "hostile/memhog", memory: 256 << 20, timeout: time.Minute, verdict: Panic, message: "TestHoards: the tests used more than 256 MiB of memory; the grader stopped them"},
		{dir: "hostile/badutf8", verdict: Build, message: "invalid UTF-8", code: map[string]string{"hello.go": "package badutf8\n\nfunc Greeting() string { return \"h\xffllo\" }\n"}},
		{dir: "hostile/bigline", heavy: true, timeout: time.Minute, verdict: Fail, message: "TestOneHugeLine: wrong after all"},
		// The test binary's own dump of 100,000 goroutines may or may not
		// come before the grader's kill: the verdict is timeout either way.
		{dir: "hostile/bomb", heavy: true, timeout: 3 * time.Second, verdict: Timeout, message: "TestBomb: "},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			if tt.heavy && os.Getenv("RACEKIT_HEAVY") == "" {
				t.Skip("heavy: runs with RACEKIT_HEAVY=1 (make hostile)")
			}
			t.Parallel()
			opts := Options{Dir: filepath.Join("testdata", "fixtures", tt.dir), Timeout: tt.timeout, FindLeaks: true, OutputLimit: 64 << 10, MemoryLimit: tt.memory}
			if tt.code != nil {
				opts.Overlay = overlayCode(t, opts.Dir, tt.code)
			}
			if opts.Timeout == 0 {
				opts.Timeout = 10 * time.Second
			}
			start := time.Now()
			res, err := c.Check(context.Background(), opts)
			require.NoError(t, err)
			t.Logf("%s in %.1fs (busy: %v)", res.Verdict, time.Since(start).Seconds(), os.Getenv("RACEKIT_BUSY") != "")
			assert.Equal(t, tt.verdict, res.Verdict, "message: %s", res.Message)
			assert.Contains(t, res.Message, tt.message)
			for _, run := range res.Runs {
				for _, tr := range run.Tests {
					assert.Less(t, len(tr.Output), 70<<10, "output kept for %s", tr.Name)
				}
				assert.Less(t, len(run.Output), 70<<10)
			}
			if tt.reaped {
				assertChildrenGone(t, res)
			}
		})
	}
}

// busy keeps every CPU busy until the test and its subtests end, when
// RACEKIT_BUSY is set: one process per CPU spinning in a shell loop, the
// load of a machine that grades a class at once. Processes, not
// goroutines of the grader's own: the kernel shares the CPUs among them
// and the grader as it would among other students' test binaries.
func busy(t *testing.T) {
	if os.Getenv("RACEKIT_BUSY") == "" {
		return
	}
	var spinners []*exec.Cmd
	for range runtime.NumCPU() {
		cmd := exec.Command("sh", "-c", "while :; do :; done")
		require.NoError(t, cmd.Start())
		spinners = append(spinners, cmd)
	}
	t.Cleanup(func() {
		for _, cmd := range spinners {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
}

// childPID matches the line a hostile fixture logs for each child it
// leaves behind.
var childPID = regexp.MustCompile(`child pid (\d+)`)

// assertChildrenGone checks that every child a fixture's runs logged is
// neither running nor a zombie: nothing the submission started survives
// the grader.
func assertChildrenGone(t *testing.T, res *Result) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("orphans are killed on Linux only (child subreaper)")
	}
	var pids []int
	for _, run := range res.Runs {
		outs := []string{run.Output}
		for _, tr := range run.Tests {
			outs = append(outs, tr.Output)
		}
		for _, out := range outs {
			for _, m := range childPID.FindAllStringSubmatch(out, -1) {
				pid, _ := strconv.Atoi(m[1])
				pids = append(pids, pid)
			}
		}
	}
	require.NotEmpty(t, pids, "no child pid in the output")
	for _, pid := range pids {
		_, err := os.Stat("/proc/" + strconv.Itoa(pid))
		assert.True(t, os.IsNotExist(err), "child %d is still there", pid)
	}
}

// overlayCode writes files (name to content) to a temporary folder and
// returns the overlay that lays them over the same names in dir.
func overlayCode(t *testing.T, dir string, files map[string]string) map[string]string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	tmp := t.TempDir()
	overlay := map[string]string{}
	for name, content := range files {
		from := filepath.Join(tmp, name)
		require.NoError(t, os.WriteFile(from, []byte(content), 0o644))
		overlay[filepath.Join(abs, name)] = from
	}
	return overlay
}
