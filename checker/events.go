package checker

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one line of `go test -json` (or `go tool test2json`) output.
type Event struct {
	Time    time.Time `json:",omitempty"`
	Action  string
	Package string  `json:",omitempty"`
	Test    string  `json:",omitempty"`
	Output  string  `json:",omitempty"`
	Elapsed float64 `json:",omitempty"`
}

// Log is what one run of a test binary reported, gathered from its events
// with the output of each test capped.
type Log struct {
	// Tests holds each top-level test that started or ended, in the order
	// it first appeared. Subtests are folded into their top-level test.
	Tests []*TestLog
	// Output is the output that belongs to no test: the package's own
	// lines, and fatal errors printed after a test ended.
	Output string
	// Action is the package's final action ("pass", "fail", "skip"), or ""
	// when the run ended without one (the process was killed).
	Action string
	// Truncated reports whether any output was cut to fit the cap.
	Truncated bool
	// BuildFailed reports whether the events say the package did not build.
	BuildFailed bool
}

// TestLog is what one top-level test reported.
type TestLog struct {
	Name string
	// Action is "pass", "fail" or "skip", or "" when the test never ended.
	Action string
	// Output is the test's output (and its subtests'), capped.
	Output  string
	Elapsed time.Duration
	// Skipped names the subtests that skipped themselves.
	Skipped []string
}

// Test returns the log of the named top-level test, or nil.
func (l *Log) Test(name string) *TestLog {
	for _, t := range l.Tests {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// maxEventLine bounds one line of JSON; longer lines are dropped as output.
const maxEventLine = 1 << 20

// ReadEvents reads a stream of test events and gathers it into a Log,
// keeping at most limit bytes of output per test and for the package. It
// reads to the end of r whatever the size of the stream, and skips lines
// that are not events.
func ReadEvents(r io.Reader, limit int) (*Log, error) {
	g := newGatherer(limit)
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) <= maxEventLine {
			line = append(line, chunk...)
		} else {
			g.dropped = true
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(line) > 0 && !g.dropped {
			g.add(line)
		}
		line, g.dropped = line[:0], false
		if err == io.EOF {
			return g.log(), nil
		}
		if err != nil {
			return g.log(), err
		}
	}
}

// gatherer builds a Log from events one at a time.
type gatherer struct {
	limit     int
	tests     []*testGather
	byName    map[string]*testGather
	pkgOutput *cappedText
	action    string
	build     bool
	dropped   bool // the line being read is too long and is skipped
}

// testGather is a TestLog under construction.
type testGather struct {
	name    string
	action  string
	output  *cappedText
	elapsed time.Duration
	skipped []string
	// midLine is set when the output so far ends inside a line.
	midLine bool
}

func newGatherer(limit int) *gatherer {
	return &gatherer{limit: limit, byName: map[string]*testGather{}, pkgOutput: newCappedText(limit)}
}

// add takes one JSON line.
func (g *gatherer) add(line []byte) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return
	}
	if e, ok := outputEvent(line); ok {
		g.addEvent(e)
		return
	}
	var e Event
	if json.Unmarshal(line, &e) != nil {
		return
	}
	g.addEvent(e)
}

// outputEvent decodes the commonest event quickly: output without escapes,
// {"Action":"output","Package":"p","Test":"T","Output":"text"} as
// test2json writes it, the Test field optional. Any other line (a field
// more, an escape in a string) is left to encoding/json: ok is false. A
// test that prints hundreds of megabytes makes hundreds of thousands of
// these, and the reader must keep up with it.
func outputEvent(line []byte) (Event, bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"Action":"output","Package":"`))
	if !ok {
		return Event{}, false
	}
	e := Event{Action: "output"}
	var field []byte
	if field, rest, ok = plainString(rest); !ok {
		return Event{}, false
	}
	e.Package = string(field)
	if r, found := bytes.CutPrefix(rest, []byte(`,"Test":"`)); found {
		if field, rest, ok = plainString(r); !ok {
			return Event{}, false
		}
		e.Test = string(field)
	}
	if rest, ok = bytes.CutPrefix(rest, []byte(`,"Output":"`)); !ok {
		return Event{}, false
	}
	if field, rest, ok = plainString(rest); !ok || string(rest) != "}" {
		return Event{}, false
	}
	e.Output = string(field)
	return e, true
}

// plainString reads a JSON string's contents up to its closing quote, and
// what follows it; ok is false when the string has an escape (or no end).
func plainString(b []byte) (s, rest []byte, ok bool) {
	i := bytes.IndexAny(b, `"\`)
	if i < 0 || b[i] != '"' {
		return nil, nil, false
	}
	for _, c := range b[:i] {
		if c < 0x20 {
			return nil, nil, false
		}
	}
	if !utf8.Valid(b[:i]) {
		return nil, nil, false
	}
	return b[:i], b[i+1:], true
}

// addEvent folds one event into the log.
func (g *gatherer) addEvent(e Event) {
	switch e.Action {
	case "build-output":
		g.build = true
		g.pkgOutput.WriteString(e.Output)
		return
	case "build-fail":
		g.build = true
		return
	}
	if e.Test == "" {
		switch e.Action {
		case "output":
			g.pkgOutput.WriteString(e.Output)
		case "pass", "fail", "skip":
			g.action = e.Action
		}
		return
	}
	top, _, sub := strings.Cut(e.Test, "/")
	t := g.byName[top]
	if t == nil {
		t = &testGather{name: top, output: newCappedText(g.limit)}
		g.byName[top] = t
		g.tests = append(g.tests, t)
	}
	switch e.Action {
	case "output":
		// The testing package starts its own lines (a test's errors,
		// its end) on a line of their own, which test2json makes an
		// event of its own even when the test's output before it did
		// not end its line: keep them apart, so that a test's error
		// after a huge unfinished line is still read as its error.
		if t.midLine && (strings.HasPrefix(e.Output, "    ") || strings.HasPrefix(e.Output, "--- ") || strings.HasPrefix(e.Output, "=== ")) {
			t.output.WriteString("\n")
		}
		t.output.WriteString(e.Output)
		t.midLine = !strings.HasSuffix(e.Output, "\n")
	case "pass", "fail", "skip":
		if !sub {
			t.action = e.Action
			t.elapsed = time.Duration(e.Elapsed * float64(time.Second))
		} else if e.Action == "skip" {
			t.skipped = append(t.skipped, e.Test)
		}
	}
}

// log returns the finished Log.
func (g *gatherer) log() *Log {
	l := &Log{Output: g.pkgOutput.String(), Action: g.action, BuildFailed: g.build, Truncated: g.pkgOutput.Truncated()}
	for _, t := range g.tests {
		l.Tests = append(l.Tests, &TestLog{Name: t.name, Action: t.action, Output: t.output.String(), Elapsed: t.elapsed, Skipped: t.skipped})
		l.Truncated = l.Truncated || t.output.Truncated()
	}
	return l
}
