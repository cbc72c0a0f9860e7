// Command 03_map_writes counts the words of every chapter of a book, one
// goroutine per chapter, and prints the counts.
//
// Run it with: go run ./exercises/03_map_writes
package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// book maps each chapter file to its text.
var book = map[string]string{
	"01-intro.md":    "Goroutines are cheap. Start as many as you need.",
	"02-channels.md": "Do not communicate by sharing memory; instead, share memory by communicating.",
	"03-mutexes.md":  "A mutex guards the data, not the code.",
	"04-races.md":    "A data race is two goroutines touching the same memory at once, one of them writing.",
	"05-outro.md":    "Run your tests with the race detector.",
}

// readChapter pretends to read a chapter from a slow disk.
func readChapter(name string) string {
	time.Sleep(10 * time.Millisecond)
	return book[name]
}

// countWords reads every file with read, each in its own goroutine, and
// returns the number of words in each file.
func countWords(files []string, read func(name string) string) map[string]int {
	counts := make(map[string]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, name := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			counts[name] = len(strings.Fields(read(name)))
		}()
	}
	wg.Wait()
	return counts
}

// report prints the word count of every file, in order, and the total.
func report(out io.Writer, counts map[string]int) {
	total := 0
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(out, "%-16s %3d words\n", name, counts[name])
		total += counts[name]
	}
	fmt.Fprintf(out, "%-16s %3d words\n", "total", total)
}

func main() {
	files := slices.Sorted(maps.Keys(book))
	report(os.Stdout, countWords(files, readChapter))
}
