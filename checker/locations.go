package checker

import (
	"fmt"
)

// Location is a place in the checked code that explains a verdict: one side
// of a race, where a stuck goroutine waits, where it was started, where a
// panic was raised. Only the checked module's own code is named.
type Location struct {
	// Role says what happened here: "write", "read", "close" and "send"
	// (a close racing a send on a channel), "started", "panic", or the
	// state of a stuck goroutine ("chan send",
	// "sync.Mutex.Lock", "running", ...).
	Role string `json:"role"`
	// Goroutine is the goroutine's number (0 for main, -1 when unknown).
	Goroutine int    `json:"goroutine"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	// Column is the 1-based byte column of the expression accessed, or of
	// the line's first statement; 0 when the source could not be read.
	Column int `json:"column,omitempty"`
	// Func is the function at that place.
	Func string `json:"func"`
	// Code is the source line, as written.
	Code string `json:"code,omitempty"`
	// Expr is the expression a race accessed, as written: "views",
	// "c.hits".
	Expr string `json:"expr,omitempty"`
}

// String formats the location: "write by goroutine 8 at main.go:27",
// "goroutine 8 started at main.go:20", "goroutine 9 in chan send at
// main.go:14".
func (l Location) String() string {
	who := fmt.Sprintf("goroutine %d", l.Goroutine)
	switch l.Goroutine {
	case 0:
		who = "the main goroutine"
	case -1:
		who = "a goroutine"
	}
	return l.by(who)
}

// Group formats n goroutines at the same place: "3 goroutines in chan
// send at main.go:14", "write by 2 goroutines at main.go:44".
func (l Location) Group(n int) string {
	if n == 1 {
		return l.String()
	}
	return l.by(fmt.Sprintf("%d goroutines", n))
}

// by formats the location, with who naming the goroutines there.
func (l Location) by(who string) string {
	at := fmt.Sprintf("%s:%d", baseName(l.File), l.Line)
	if l.Column > 0 {
		at += fmt.Sprintf(":%d", l.Column)
	}
	switch l.Role {
	case "read", "write", "atomic read", "atomic write", "close", "send":
		return fmt.Sprintf("%s by %s at %s", l.Role, who, at)
	case "started":
		return fmt.Sprintf("%s started at %s", who, at)
	case "panic":
		return fmt.Sprintf("%s panicked at %s", who, at)
	case "deferred":
		return fmt.Sprintf("deferred at %s", at)
	default:
		return fmt.Sprintf("%s in %s at %s", who, l.Role, at)
	}
}

// goroutineLocations names where each goroutine is and where it was
// started, in the module's own code.
func (s classifier) goroutineLocations(gs []Goroutine) []Location {
	var locs []Location
	for _, g := range gs {
		if f, ok := s.firstOwnFrame(g); ok {
			locs = append(locs, Location{Role: g.State, Goroutine: g.ID, File: f.File, Line: f.Line, Func: f.Func})
		}
		if g.CreatedBy != nil && s.owns(*g.CreatedBy) {
			c := g.CreatedBy
			locs = append(locs, Location{Role: "started", Goroutine: g.ID, File: c.File, Line: c.Line, Func: c.Func})
		}
	}
	return locs
}

// baseName returns the last element of a slash or OS path.
func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' || path[i] == '\\' {
			return path[i+1:]
		}
	}
	return path
}
