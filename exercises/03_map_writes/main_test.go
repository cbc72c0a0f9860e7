package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/racekit/racekit/racetest"
)

// chapters returns n file names and a reader that gives file i i+1 words.
func chapters(n int) ([]string, map[string]string) {
	files := make([]string, n)
	texts := make(map[string]string, n)
	for i := range files {
		files[i] = fmt.Sprintf("chapter-%02d.md", i+1)
		texts[files[i]] = strings.Repeat("word ", i+1)
	}
	return files, texts
}

func TestEveryFileCounted(t *testing.T) {
	// Far more files than the book has chapters, so that no buffer sized
	// for the book holds every result.
	files, texts := chapters(200)
	var counts map[string]int
	racetest.Within(t, 0, func() {
		counts = countWords(files, func(name string) string { return texts[name] })
	})
	missing, wrong := 0, 0
	for i, name := range files {
		got, ok := counts[name]
		switch {
		case !ok:
			missing++
		case got != i+1:
			wrong++
		}
	}
	if missing > 0 || wrong > 0 || len(counts) != len(files) {
		t.Errorf("%d of %d files are missing from the counts, %d have a wrong count, and the map holds %d entries",
			missing, len(files), wrong, len(counts))
	}
}

func TestFilesReadAtOnce(t *testing.T) {
	files, texts := chapters(5)
	// Every reader waits here until all of them are reading; readers that
	// run one at a time never get there together.
	barrier := racetest.NewBarrier(len(files), time.Second)
	counts := countWords(files, func(name string) string {
		barrier.Wait()
		return texts[name]
	})
	if got := barrier.Max(); got < len(files) {
		t.Errorf("at most %d of %d files were read at once: the files were read one after another", got, len(files))
	}
	if len(counts) != len(files) {
		t.Errorf("%d of %d files are missing from the counts", len(files)-len(counts), len(files))
	}
}
