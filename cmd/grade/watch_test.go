package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestWatch drives grade watch in a pseudo-terminal of 80x24, as a
// student does: it reads the welcome and the screen after the first grading, asks for a
// hint, saves the solution of exercise 01 over its main.go, waits for the
// pass, looks at the solution and quits. Every wait has a deadline.
func TestWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the toolchain; skipped with -short")
	}
	root := shippedKit(t)
	cmd := exec.Command(os.Args[0], "watch")
	cmd.Env = append(os.Environ(), runAsGrade+"=1", "RACEKIT_ROOT="+root, "RACEKIT_CACHE="+t.TempDir(), "NO_COLOR=1", "TERM=xterm")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Skipf("cannot open a pseudo-terminal: %v", err)
	}
	s := &screen{}
	done := make(chan error, 1)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := tty.Read(buf)
			s.add(buf[:n])
			if err != nil {
				break
			}
		}
		done <- cmd.Wait()
	}()
	defer func() {
		tty.Close()
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
		}
	}()
	press := func(key string) {
		t.Helper()
		if _, err := tty.Write([]byte(key)); err != nil {
			t.Fatalf("typing %q: %v", key, err)
		}
	}

	// No progress yet: a welcome first, while exercise 01 is graded.
	welcome := s.wait(t, 2*time.Minute, `welcome to racekit`)
	t.Logf("the first screen:\n%s", welcome)
	s.mustShow(t, welcome, "✓ go1.", "✓ this terminal reads single keys", "✓ saves are seen", "any key: start")
	s.fits(t, welcome)
	press(" ")

	failed := s.wait(t, 3*time.Minute, `✗ exit +TestAllPhotosResized`)
	t.Logf("the screen after the first grading:\n%s", failed)
	s.mustShow(t, failed, "grade watch · 0/35 ", "01_wait_for_workers · main returns before its workers finish", "hint 1/3: ", "h hint · r re-run · n next · l list · q quit")
	s.fits(t, failed)

	press("h")
	hinted := s.wait(t, 10*time.Second, `hint 2/3: `)
	t.Logf("the screen after h:\n%s", hinted)
	s.fits(t, hinted)

	solution, err := os.ReadFile(filepath.Join(root, "solutions", "01_wait_for_workers", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Now()
	if err := os.WriteFile(filepath.Join(root, "exercises", "01_wait_for_workers", "main.go"), solution, 0o644); err != nil {
		t.Fatal(err)
	}
	passed := s.wait(t, 2*time.Minute, `01_wait_for_workers passes!`)
	t.Logf("save to verdict for exercise 01: %v", time.Since(saved).Round(time.Millisecond))
	t.Logf("the screen after the pass:\n%s", passed)
	s.mustShow(t, passed, "✓ pass", "grade watch · 1/35 ", "s show the solution", "next: 02_counter · page views lost by a shared counter")
	s.fits(t, passed)

	press("s")
	shown := s.wait(t, 10*time.Second, `── solutions/01_wait_for_workers/main.go`)
	t.Logf("the screen after s:\n%s", shown)

	// Any key moves on to the next exercise not done; l lists them.
	press("x")
	s.wait(t, 2*time.Minute, `✗ race +TestEveryViewCounted`)
	press("l")
	list := s.wait(t, 10*time.Second, `▶ 02_counter`)
	t.Logf("the screen after l:\n%s", list)
	s.mustShow(t, list, "✓ 01_wait_for_workers", "  03_map_writes")
	s.fits(t, list)
	press(" ")
	s.wait(t, 10*time.Second, `h hint · r re-run`)

	// A save while a run is under way cancels it: the verdict on screen
	// is the last save's.
	main02 := filepath.Join(root, "exercises", "02_counter", "main.go")
	fixed, err := os.ReadFile(filepath.Join(root, "solutions", "02_counter", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(main02, []byte("package main\n\nfunc main() { undefined() }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.wait(t, 10*time.Second, `grading 02_counter…`)
	if err := os.WriteFile(main02, fixed, 0o644); err != nil {
		t.Fatal(err)
	}
	s.wait(t, 2*time.Minute, `02_counter passes!`)

	press("q")
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("grade watch ended with %v; the screen:\n%s", err, s.last())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("grade watch did not quit on q; the screen:\n%s", s.last())
	}
	state, err := os.ReadFile(filepath.Join(root, ".racekit-progress"))
	if err != nil || !strings.Contains(string(state), "done 01_wait_for_workers\ndone 02_counter\n") {
		t.Errorf("the progress does not record exercises 01 and 02 as done: %q, %v", state, err)
	}
	s.mustShow(t, s.last(), "grade: watch stopped at 02_counter; 2/35 done")
}

// screen collects what grade wrote to the terminal.
type screen struct {
	mu  sync.Mutex
	out bytes.Buffer
}

func (s *screen) add(b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out.Write(b)
}

var escapes = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// last returns the last screen drawn: what followed the last "cursor
// home", without escape sequences.
func (s *screen) last() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.out.String()
	if i := strings.LastIndex(out, "\x1b[H"); i >= 0 {
		out = out[i:]
	}
	return strings.ReplaceAll(escapes.ReplaceAllString(out, ""), "\r\n", "\n")
}

// wait waits until the last screen matches pattern, and returns it.
func (s *screen) wait(t *testing.T, limit time.Duration, pattern string) string {
	t.Helper()
	re := regexp.MustCompile(pattern)
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if last := s.last(); re.MatchString(last) {
			return last
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("after %v the screen still does not show %q:\n%s", limit, pattern, s.last())
	return ""
}

// mustShow checks that a screen shows each of want.
func (s *screen) mustShow(t *testing.T, screen string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(screen, w) {
			t.Errorf("the screen does not show %q:\n%s", w, screen)
		}
	}
}

// fits checks that a screen fits 80x24 and shows no runtime frames.
func (s *screen) fits(t *testing.T, screen string) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) > 24 {
		t.Errorf("the screen has %d lines, more than 24", len(lines))
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("a line of %d columns: %q", n, l)
		}
	}
	if strings.Contains(screen, "runtime.") || strings.Contains(screen, "+0x") {
		t.Errorf("the screen shows runtime frames:\n%s", screen)
	}
}
