package main

import (
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// testLogs returns files of the test's own, with more lines than any
// buffer sized for them would plausibly hold, and replaces readLine for the
// length of t: every line takes its own time to read (tens of
// milliseconds, plus a few nanoseconds that differ from file to file), so
// no guessed wait for the next line matches the readers. It returns the
// lines ship must write, sorted, how long the slowest file takes, and a
// meter of the lines being read.
func testLogs(t *testing.T) (files []logFile, want []string, slowest time.Duration, reads *racetest.Meter) {
	took := map[string]time.Duration{}
	for i, n := range []int{150, 90, 120} {
		f := logFile{name: fmt.Sprintf("app%d.log", i+1)}
		var d time.Duration
		for j := range n {
			line := fmt.Sprintf("event %d of app%d", j+1, i+1)
			f.lines = append(f.lines, line)
			want = append(want, f.name+": "+line)
			took[line] = time.Duration(1+(j*7+i)%5)*10*time.Millisecond + time.Duration(1+i*1000)*time.Nanosecond
			d += took[line]
		}
		files = append(files, f)
		slowest = max(slowest, d)
	}
	slices.Sort(want)
	old := readLine
	t.Cleanup(func() { readLine = old })
	reads = &racetest.Meter{}
	readLine = func(line string) string {
		reads.Enter()
		defer reads.Leave()
		time.Sleep(took[line])
		return line
	}
	return files, want, slowest, reads
}

func TestEveryLineShipped(t *testing.T) {
	files, want, _, reads := testLogs(t)
	synctest.Test(t, func(t *testing.T) {
		out := &racetest.Output{}
		n := ship(out, files)
		got := out.Lines()
		if read := reads.Finished(); read < len(want) {
			// The readers still have lines to read and send: the test
			// ends here, and the bubble reports them as left behind.
			racetest.Exit(t, "ship returned after %d of %d lines, while the readers still had %d lines to read", n, len(want), len(want)-read)
		} else if n != len(want) || len(got) != len(want) {
			t.Errorf("ship returned %d and wrote %d lines, but the files hold %d lines", n, len(got), len(want))
		} else if slices.Sort(got); !slices.Equal(got, want) {
			t.Errorf("ship wrote %d lines, but not the lines of the files", len(got))
		}
	})
}

func TestReadersRunAtOnce(t *testing.T) {
	files, want, slowest, _ := testLogs(t)
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		ship(&racetest.Output{}, files)
		// Readers working at once take as long as the slowest file.
		if elapsed := time.Since(start); elapsed > slowest {
			t.Errorf("shipping %d lines from %d files took %v of fake time, but the slowest file takes %v to read: the files were read one after another, or ship waited for a guessed time",
				len(want), len(files), elapsed, slowest)
		}
	})
}
