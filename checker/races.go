package checker

import (
	"regexp"
	"strconv"
	"strings"
)

// RaceReport is one report of the race detector: two (or more) accesses to
// the same memory that no synchronization orders.
type RaceReport struct {
	// Accesses are the conflicting accesses, the one that was caught first
	// and then the earlier ones.
	Accesses []Access `json:"accesses"`
	// Starts tell where the goroutines involved were started.
	Starts []GoroutineStart `json:"starts,omitempty"`
	// Variable is the racing variable when the report names it (a global),
	// else "".
	Variable string `json:"variable,omitempty"`
	// Truncated reports whether the report was cut off by the output cap.
	Truncated bool `json:"truncated,omitempty"`
}

// Access is one side of a race: a read or a write by a goroutine.
type Access struct {
	// Kind is "read", "write", "atomic read" or "atomic write".
	Kind string `json:"kind"`
	// Previous reports whether this is the earlier access of the pair.
	Previous bool `json:"previous"`
	// Goroutine is the goroutine's number; 0 for the main goroutine.
	Goroutine int `json:"goroutine"`
	// Frames are the calls on its stack, innermost first.
	Frames []Frame `json:"frames"`
}

// GoroutineStart tells where a goroutine of a race report was started.
type GoroutineStart struct {
	Goroutine int     `json:"goroutine"`
	State     string  `json:"state"`
	Frames    []Frame `json:"frames"`
}

var (
	raceAccess   = regexp.MustCompile(`^(Previous )?((?:[Aa]tomic )?(?:[Rr]ead|[Ww]rite)) at 0x[0-9a-f]+ by (?:goroutine (\d+)|(main) goroutine):$`)
	raceStart    = regexp.MustCompile(`^Goroutine (\d+) \((\w+)\) created at:$`)
	raceGlobal   = regexp.MustCompile(`^Location is global '([^']+)'`)
	raceFrameFn  = regexp.MustCompile(`^  (\S.*)$`)
	raceFrameLoc = regexp.MustCompile(`^      (.+?):(\d+)(?: \+0x[0-9a-f]+)?$`)
	// raceCut is the line cappedText puts where it dropped output.
	raceCut = regexp.MustCompile(`^\.\.\. \d+ bytes of output cut \.\.\.$`)
)

// ParseRaces finds every race report in a test's output.
func ParseRaces(out string) []RaceReport {
	var (
		reports []RaceReport
		cur     *RaceReport
		frames  *[]Frame
		fn      string
	)
	for line := range strings.SplitSeq(out, "\n") {
		line = strings.TrimSuffix(line, "\r")
		switch {
		case strings.Contains(line, raceWarning):
			reports = append(reports, RaceReport{Truncated: true})
			cur, frames, fn = &reports[len(reports)-1], nil, ""
			continue
		case cur == nil:
			continue
		case strings.HasPrefix(line, "=================="):
			cur.Truncated = false
			cur, frames = nil, nil
			continue
		case raceCut.MatchString(line):
			// The rest of this report was dropped: what follows the cut
			// belongs to later output, and the line before it may be partial.
			cur, frames = nil, nil
			continue
		}
		if m := raceAccess.FindStringSubmatch(line); m != nil {
			id, _ := strconv.Atoi(m[3])
			cur.Accesses = append(cur.Accesses, Access{Kind: strings.ToLower(m[2]), Previous: m[1] != "", Goroutine: id})
			frames = &cur.Accesses[len(cur.Accesses)-1].Frames
			continue
		}
		if m := raceStart.FindStringSubmatch(line); m != nil {
			id, _ := strconv.Atoi(m[1])
			cur.Starts = append(cur.Starts, GoroutineStart{Goroutine: id, State: m[2]})
			frames = &cur.Starts[len(cur.Starts)-1].Frames
			continue
		}
		if m := raceGlobal.FindStringSubmatch(line); m != nil {
			cur.Variable = m[1]
			continue
		}
		if frames == nil {
			continue
		}
		if m := raceFrameLoc.FindStringSubmatch(line); m != nil && fn != "" {
			n, _ := strconv.Atoi(m[2])
			*frames = append(*frames, Frame{Func: fn, File: m[1], Line: n})
			fn = ""
			continue
		}
		if m := raceFrameFn.FindStringSubmatch(line); m != nil {
			fn = funcName(m[1])
		}
	}
	return reports
}
