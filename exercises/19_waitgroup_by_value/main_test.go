package main

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// release is a set of files other than the package's own, so that a run
// that prints the package's artifacts instead of its files does not pass.
var release = []string{
	"kit-1.4.0-linux-amd64.tar.gz", "kit-1.4.0-linux-arm64.tar.gz",
	"kit-1.4.0-linux-386.tar.gz", "kit-1.4.0-darwin-amd64.tar.gz",
	"kit-1.4.0-darwin-arm64.tar.gz", "kit-1.4.0-freebsd-amd64.tar.gz",
	"kit-1.4.0-windows-amd64.zip", "kit-1.4.0-windows-arm64.zip",
	"kit-1.4.0-source.tar.gz", "kit-1.4.0-docs.tar.gz",
	"kit-1.4.0-sbom.json", "kit-1.4.0-notes.txt",
}

// wantLines returns the checksum line that run must print for each file.
func wantLines(files []string) []string {
	var lines []string
	for _, name := range files {
		lines = append(lines, fmt.Sprintf("%x  %s", sha256.Sum256([]byte(name)), name))
	}
	return lines
}

func TestEveryChecksumPrinted(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		// If run waits on a WaitGroup that no worker ever marks done, every
		// goroutine in the bubble ends up blocked and synctest reports a
		// deadlock here.
		run(out, release)
		lines := out.Lines()
		if len(lines) != len(release) {
			t.Errorf("run returned after %d of %d checksums were printed", len(lines), len(release))
		}
		for _, want := range wantLines(release) {
			if !slices.Contains(lines, want) {
				t.Errorf("the checksum line %q was not printed", want)
			}
		}
		racetest.LetFinish()
	})
}

// gatedWriter holds every Write until the test lets one through, so the test
// decides when each worker finishes.
type gatedWriter struct {
	gate chan struct{}
	out  racetest.Output
}

// Write waits for the test to let one write through, then keeps p.
func (w *gatedWriter) Write(p []byte) (int, error) {
	<-w.gate
	return w.out.Write(p)
}

// TestRunWaitsForTheLastChecksum lets the workers finish one at a time, after
// a long wait: run must still be waiting until the last one is done, however
// long that takes, and return as soon as it is.
func TestRunWaitsForTheLastChecksum(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gatedWriter{gate: make(chan struct{})}
		returned := make(chan struct{})
		go func() {
			run(w, release)
			close(returned)
		}()
		hasReturned := func() bool {
			select {
			case <-returned:
				return true
			default:
				return false
			}
		}
		// Far longer than hashing a file takes: a run that sleeps instead of
		// waiting for its workers has returned by now.
		time.Sleep(3 * time.Second)
		for done := range len(release) {
			if hasReturned() {
				racetest.Exit(t, "run returned while %d of %d checksums were still being written: it must wait until every worker is done", len(release)-done, len(release))
				close(w.gate)
				racetest.LetFinish()
				return
			}
			w.gate <- struct{}{}
			synctest.Wait()
		}
		if !hasReturned() {
			t.Errorf("every checksum was printed, but run had not returned: it must return as soon as the last worker is done, not poll or sleep")
			close(w.gate)
			racetest.LetFinish()
		}
	})
}

func TestChecksumsRunAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		run(&racetest.Output{}, release)
		// One file takes 10ms of fake time; in a row they would take longer.
		if elapsed := time.Since(start); elapsed > 10*time.Millisecond {
			t.Errorf("hashing %d files took %v of fake time: the files were hashed one after another, not at once", len(release), elapsed)
		}
		racetest.LetFinish()
	})
}
