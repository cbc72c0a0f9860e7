package main

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// backup is a longer list of files than the program's own, so that the tests
// check the log the program writes, not a list it knows by heart.
var backup = []string{
	"a.txt", "b.zip", "c.pdf", "d.tex", "e.mov", "f.jpg", "g.csv", "h.md",
	"i.go", "j.rs", "k.py", "l.c", "m.h", "n.sh", "o.ini", "p.log",
}

// withFiles makes run back up names until the test ends.
func withFiles(t *testing.T, names []string) {
	saved := files
	files = names
	t.Cleanup(func() { files = saved })
}

// wantLog is the audit log for names, one line per upload, in order.
func wantLog(names []string) []string {
	var lines []string
	for _, name := range names {
		lines = append(lines, "backed up "+name)
	}
	return lines
}

// slowDisk writes the log to out, but holds the last line for as long as
// hold says before it writes it.
type slowDisk struct {
	out  *racetest.Output
	last string
	hold func()
}

// Write writes p to the log, after hold when p is the last line.
func (d *slowDisk) Write(p []byte) (int, error) {
	if strings.TrimSpace(string(p)) == d.last {
		d.hold()
	}
	return d.out.Write(p)
}

// busyWaiter is set when run was seen spinning, so that the tests that run
// it in a synctest bubble (where a spin never lets fake time move on, and
// the test would hang) are skipped.
var busyWaiter bool

// runIsWaiting reports whether the goroutine that is inside run itself (not
// a function literal in it) is blocked (on a channel, a WaitGroup, ...)
// rather than running.
func runIsWaiting() bool {
	fn := racetest.FuncName(run)
	for _, g := range racetest.Snapshot() {
		if g.Calls(fn) {
			return !g.Running()
		}
	}
	return false
}

func TestRunWaitsForTheLogWriter(t *testing.T) {
	names := backup[:3]
	withFiles(t, names)
	writing := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	defer once.Do(func() { close(release) })
	out := &racetest.Output{}
	disk := &slowDisk{out: out, last: wantLog(names)[len(names)-1], hold: func() {
		close(writing)
		<-release
	}}
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		run(disk)
	}()
	select {
	case <-writing:
	case <-returned:
		racetest.Exit(t, "run returned before the log writer had started on the last line; %d of %d lines were written", len(out.Lines()), len(names))
		return
	case <-time.After(racetest.DefaultLimit):
		racetest.Deadlock(t, "run and the log writer got stuck before the last line: %d of %d lines were written", len(out.Lines()), len(names))
		return
	}
	// The log writer is now held on the last line: run must be waiting
	// for it, blocked, not returned and not spinning.
	deadline := time.Now().Add(racetest.DefaultLimit)
	for {
		select {
		case <-returned:
			racetest.Exit(t, "run returned while the log writer was still writing the last of %d lines", len(names))
			return
		default:
		}
		if runIsWaiting() {
			break
		}
		if time.Now().After(deadline) {
			busyWaiter = true
			t.Errorf("run kept a CPU busy for %v while the log writer wrote its last line: wait by receiving from a channel, not by checking a flag in a loop", racetest.DefaultLimit)
			return
		}
		time.Sleep(time.Millisecond)
	}
	once.Do(func() { close(release) })
	select {
	case <-returned:
	case <-time.After(racetest.DefaultLimit):
		racetest.Deadlock(t, "run never returned after the log writer wrote the last line")
		return
	}
	if got, want := out.Lines(), wantLog(names); !slices.Equal(got, want) {
		t.Errorf("the log is %q, want %q", got, want)
	}
}

func TestEveryLogLineWritten(t *testing.T) {
	if busyWaiter {
		t.Skip("run busy-waits, so it cannot run in fake time: see TestRunWaitsForTheLogWriter")
	}
	withFiles(t, backup)
	synctest.Test(t, func(t *testing.T) {
		// The disk is slow today: the last line takes an hour to write.
		out := &racetest.Output{}
		disk := &slowDisk{out: out, last: wantLog(backup)[len(backup)-1], hold: func() { time.Sleep(time.Hour) }}
		run(disk)
		// Fake time stands still until every goroutine in the bubble is
		// blocked, so the log writer is still busy here unless run waited
		// for it, however long it took.
		got := out.Lines()
		if len(got) != len(backup) {
			racetest.Exit(t, "run returned while the log writer still had %d of %d lines to write (the last one took an hour)", len(backup)-len(got), len(backup))
		} else if want := wantLog(backup); !slices.Equal(got, want) {
			t.Errorf("the log is %q, want %q", got, want)
		}
		racetest.LetFinish()
	})
}

func TestLogWrittenAlongsideUploads(t *testing.T) {
	if busyWaiter {
		t.Skip("run busy-waits, so it cannot run in fake time: see TestRunWaitsForTheLogWriter")
	}
	for _, n := range []int{1, 5, len(backup)} {
		t.Run(fmt.Sprintf("%d_files", n), func(t *testing.T) {
			withFiles(t, backup[:n])
			synctest.Test(t, func(t *testing.T) {
				start := time.Now()
				out := &racetest.Output{}
				run(out)
				elapsed := time.Since(start)
				racetest.LetFinish()
				// Each upload takes 10ms and each log line 7ms of fake
				// time. When the log is written alongside the uploads,
				// only the last line adds its 7ms; written between
				// uploads, every line does.
				want := time.Duration(n)*10*time.Millisecond + 7*time.Millisecond
				if elapsed > want {
					t.Errorf("backing up %d files took %v of fake time, not %v: the log was not written alongside the uploads, or run waited longer than the log writer took", n, elapsed, want)
				}
			})
		})
	}
}
