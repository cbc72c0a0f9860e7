package checker

import (
	"regexp"
	"strconv"
	"strings"
)

// Goroutine is one goroutine of a stack dump, as printed by a panic, a test
// timeout or runtime.Stack.
type Goroutine struct {
	ID int `json:"id"`
	// State is what the goroutine was doing: "running", "runnable",
	// "chan send", "chan receive", "select", "sync.Mutex.Lock",
	// "sync.WaitGroup.Wait", "sync.Cond.Wait", "sleep", ...
	State string `json:"state"`
	// Frames are the calls on its stack, innermost first.
	Frames []Frame `json:"frames,omitempty"`
	// CreatedBy is the go statement that started it, if known.
	CreatedBy *Frame `json:"created_by,omitempty"`
}

// Frame is one call in a stack: a function at a file and line.
type Frame struct {
	Func string `json:"func"`
	File string `json:"file"`
	Line int    `json:"line"`
}

var (
	goroutineHeader = regexp.MustCompile(`^goroutine (\d+) (?:gp=\S+ m=\S+ (?:mp=\S+ )?)?\[([^\]]*)\]:$`)
	// GOTRACEBACK=system and above add "fp=0x... sp=0x... pc=0x...".
	frameFileLine = regexp.MustCompile(`^\t(.+?):(\d+)(?: \+0x[0-9a-f]+)?(?: fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x[0-9a-f]+)?$`)
	// goleak prints "Goroutine 14 in state chan receive, with f on top of
	// the stack:" before each leaked goroutine's stack.
	goleakHeader  = regexp.MustCompile(`^\[?Goroutine (\d+) in state ([^,]+), with .* on top of the stack:$`)
	createdByLine = regexp.MustCompile(`^created by (\S+)(?: in goroutine \d+)?$`)
)

// ParseGoroutines finds every goroutine in a stack dump, skipping any text
// around it. A dump cut short yields the goroutines that were complete
// enough to name.
func ParseGoroutines(text string) []Goroutine {
	var (
		all     []Goroutine
		cur     *Goroutine
		pending string // function line waiting for its file:line
		created bool   // pending is a "created by" line
	)
	flush := func() {
		if cur != nil {
			all = append(all, *cur)
			cur = nil
		}
	}
	for line := range strings.SplitSeq(text, "\n") {
		// A dump printed with t.Log comes indented with spaces; frames'
		// file lines keep their tab.
		line = strings.TrimLeft(strings.TrimSuffix(line, "\r"), " ")
		m := goroutineHeader.FindStringSubmatch(line)
		if m == nil {
			m = goleakHeader.FindStringSubmatch(line)
		}
		if m != nil {
			flush()
			id, _ := strconv.Atoi(m[1])
			cur = &Goroutine{ID: id, State: goroutineState(m[2])}
			pending = ""
			continue
		}
		if cur == nil {
			continue
		}
		if line == "" {
			flush()
			continue
		}
		if m := frameFileLine.FindStringSubmatch(line); m != nil && pending != "" {
			n, _ := strconv.Atoi(m[2])
			f := Frame{Func: pending, File: m[1], Line: n}
			if created {
				cur.CreatedBy = &f
			} else {
				cur.Frames = append(cur.Frames, f)
			}
			pending = ""
			continue
		}
		if m := createdByLine.FindStringSubmatch(line); m != nil {
			pending, created = m[1], true
			continue
		}
		if strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "...") {
			continue
		}
		pending, created = funcName(line), false
	}
	flush()
	return all
}

// goroutineState reduces "chan receive (durable), synctest bubble 1, 2
// minutes" to "chan receive".
func goroutineState(s string) string {
	s, _, _ = strings.Cut(s, ",")
	s = strings.TrimSuffix(s, " (durable)")
	return strings.TrimSpace(s)
}

// funcName strips the argument list from a frame's function line:
// "main.worker(0xc000012345, 0x3)" becomes "main.worker".
func funcName(line string) string {
	if i := strings.LastIndex(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		return line[:i]
	}
	return line
}

// Running reports whether the goroutine was on a CPU or ready to be, rather
// than blocked.
func (g Goroutine) Running() bool {
	return g.State == "running" || g.State == "runnable" || strings.HasPrefix(g.State, "preempted")
}
