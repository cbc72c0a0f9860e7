// Command 07_range_unclosed ships the lines of several log files to a log
// server: one reader goroutine per file, and one shipper that sends every
// line it gets from the readers.
//
// Run it with: go run ./exercises/07_range_unclosed
package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// logFile is one log file and its lines.
type logFile struct {
	name  string
	lines []string
}

// logs are the files to ship.
var logs = []logFile{
	{"api.log", []string{"GET /cart 200", "POST /order 201", "GET /cart 500"}},
	{"db.log", []string{"slow query: 812ms", "connection reset"}},
	{"auth.log", []string{"login alice", "login bob", "logout alice", "login mallory: denied"}},
}

// readLine pretends to read one line from a slow disk. It is a variable so
// that the tests can time it.
var readLine = func(line string) string {
	time.Sleep(10 * time.Millisecond)
	return line
}

// ship reads every file in its own goroutine, writes each line to out as it
// arrives, and returns how many lines it shipped.
func ship(out io.Writer, files []logFile) int {
	lines := make(chan string)
	var wg sync.WaitGroup
	for _, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, line := range f.lines {
				lines <- f.name + ": " + readLine(line)
			}
		}()
	}
	wg.Wait()
	close(lines)
	shipped := 0
	for line := range lines {
		fmt.Fprintln(out, line)
		shipped++
	}
	return shipped
}

func main() {
	n := ship(os.Stdout, logs)
	fmt.Printf("shipped %d lines\n", n)
}
