package main

import (
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/racekit/racekit/racetest"
)

// testLogs returns files with 4, 2 and 3 lines: 9 lines in all, and 4 lines
// in the longest file.
func testLogs() (files []logFile, total, longest int) {
	for i, n := range []int{4, 2, 3} {
		f := logFile{name: fmt.Sprintf("app%d.log", i+1)}
		for j := range n {
			f.lines = append(f.lines, fmt.Sprintf("event %d", j+1))
		}
		files = append(files, f)
		total += n
		longest = max(longest, n)
	}
	return files, total, longest
}

func TestEveryLineShipped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		files, total, _ := testLogs()
		out := &racetest.Output{}
		n := ship(out, files)
		if got := len(out.Lines()); n != total || got != total {
			t.Errorf("ship returned %d and wrote %d lines, but the files hold %d lines", n, got, total)
		}
	})
}

func TestReadersRunAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		files, total, longest := testLogs()
		start := time.Now()
		ship(&racetest.Output{}, files)
		// Reading a line takes 10ms of fake time: readers working at once
		// take as long as the longest file.
		want := time.Duration(longest) * 10 * time.Millisecond
		if elapsed := time.Since(start); elapsed > want {
			t.Errorf("shipping %d lines from %d files took %v of fake time, not %v: the files were read one after another, not at once", total, len(files), elapsed, want)
		}
	})
}
