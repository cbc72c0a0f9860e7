package racetest

import (
	"bytes"
	"strings"
	"sync"
)

// Output is an io.Writer that many goroutines may write to at once. Tests
// hand it to the program under test in place of os.Stdout, so that the
// program's own races are the only ones the race detector can report.
type Output struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the output.
func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

// String returns everything written so far.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// Lines returns the non-empty lines written so far, in order.
func (o *Output) Lines() []string {
	var lines []string
	for line := range strings.SplitSeq(o.String(), "\n") {
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	return lines
}
