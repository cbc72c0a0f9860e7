package checker

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
)

// diagnoseRace locates the first race report's accesses in the source,
// names the variable and picks the pattern. Each access is placed at the
// student's code: where it ran inside a test's function that the
// student's code called (a callback), at that call.
func (s classifier) diagnoseRace(out string) ([]Location, *Diagnosis) {
	reports := ParseRaces(out)
	if len(reports) == 0 {
		return nil, nil
	}
	r := reports[0]
	want := r.Variable[strings.LastIndex(r.Variable, ".")+1:]
	type access struct {
		loc   Location
		file  *sourceFile
		site  raceSite
		found bool
		isMap bool
		// test is set for an access in a test file's code.
		test bool
		// caller is the student's frame that called the test's code the
		// access ran in, if any.
		caller *Frame
		// op is "close" or "send" for the runtime's channel code.
		op string
	}
	var accs []access
	for _, a := range r.Accesses {
		f, ok := s.firstOwnFrameOf(a.Frames)
		if !ok {
			continue
		}
		acc := access{
			loc:   Location{Role: a.Kind, Goroutine: a.Goroutine, File: f.File, Line: f.Line, Func: f.Func},
			file:  s.src.file(f.File),
			isMap: hasMapFrame(a.Frames),
			test:  isTestFile(f.File),
			op:    channelOp(a.Frames),
		}
		if acc.test {
			for _, c := range a.Frames {
				if s.student(c) {
					acc.caller = &c
					break
				}
			}
		}
		accs = append(accs, acc)
	}
	var locs []Location
	addStarts := func() {
		for _, st := range r.Starts {
			if f, ok := s.firstOwnFrameOf(st.Frames); ok {
				locs = append(locs, Location{Role: "started", Goroutine: st.Goroutine, File: f.File, Line: f.Line, Func: f.Func})
			}
		}
	}
	// A close racing a send on the same channel.
	var closing, sending *access
	for i := range accs {
		switch accs[i].op {
		case "close":
			closing = &accs[i]
		case "send":
			sending = &accs[i]
		}
	}
	if closing != nil && sending != nil {
		ch := closing.file.closedOn(closing.loc.Line)
		if ch == "" {
			ch = sending.file.sentOn(sending.loc.Line)
		}
		for _, a := range []*access{closing, sending} {
			a.loc.Role = a.op
			if c := a.file.channelColumn(a.loc.Line, a.op); c > 0 {
				a.loc.Column, a.loc.Expr = c, ch
			}
		}
		for _, a := range accs {
			locs = append(locs, a.loc)
		}
		addStarts()
		d := &Diagnosis{Kind: "send-close", Variable: ch}
		d.Cause, d.Fix = sendCloseCause(ch, closing.loc, sending.loc), sendCloseFix(ch)
		return locs, d
	}
	// Accesses made by a test's function that the student's code called
	// from several goroutines at once: the calls are what races.
	callback := len(accs) > 0
	for _, a := range accs {
		if a.caller == nil {
			callback = false
		}
	}
	if callback {
		fn := ""
		for i := range accs {
			a := &accs[i]
			c := *a.caller
			cf := s.src.file(c.File)
			name, col := cf.calleeOn(c.Line)
			if fn == "" {
				fn = name
			}
			a.loc = Location{Role: a.loc.Role, Goroutine: a.loc.Goroutine, File: c.File, Line: c.Line, Column: col, Func: c.Func, Expr: name}
			locs = append(locs, a.loc)
		}
		addStarts()
		d := &Diagnosis{Kind: "callback", Variable: fn}
		var at []Location
		for _, a := range accs {
			at = append(at, a.loc)
		}
		d.Cause, d.Fix = callbackCause(fn, at), callbackFix(fn)
		return locs, d
	}
	// The written side names the variable; the read side is found by it.
	// The student's code is read first: a test's variable is not theirs
	// to fix.
	for _, test := range []bool{false, true} {
		for pass := 0; pass < 2; pass++ {
			for i := range accs {
				a := &accs[i]
				write := strings.HasSuffix(a.loc.Role, "write")
				if a.found || a.test != test || (pass == 0) != write {
					continue
				}
				a.site, a.found = a.file.site(a.loc.Line, write, want)
				if a.found {
					a.loc.Column, a.loc.Expr = a.site.column, a.site.name
					if want == "" {
						want = baseSelector(a.site.name)
					}
				}
			}
		}
	}
	d := &Diagnosis{Kind: "shared", Variable: want}
	var main *access
	for i := range accs {
		locs = append(locs, accs[i].loc)
		if accs[i].isMap {
			d.Kind = "map"
		}
		if accs[i].found && accs[i].site.expr != nil {
			if main == nil || main.test && !accs[i].test ||
				main.test == accs[i].test && rankSite(accs[i].site, accs[i].loc.Role) > rankSite(main.site, main.loc.Role) {
				main = &accs[i]
			}
		}
	}
	addStarts()
	stmt, held := "", ""
	key := "" // the explanation's key, when not the kind's
	if main != nil {
		d.Variable = main.site.name
		stmt = main.site.stmt
		// A lock on a copy explains a map's race as well as any other.
		if method, recv, lock, ok := main.file.copiedLock(main.site); ok {
			d.Kind = "copied-lock"
			d.Cause, d.Fix = copiedLockCause(method, recv, lock, baseName(main.loc.File), d.Variable), copiedLockFix(method, recv, lock.mutex)
			return locs, d
		}
		if d.Kind != "map" {
			if global, fn := main.file.aliasOf(main.site); global != "" {
				d.Kind, d.Variable = "alias", global
				d.Cause, d.Fix = aliasCause(main.site.name, global, fn), aliasFix(global, fn)
				return locs, d
			}
			var samefile []token.Pos
			for i := range accs {
				if accs[i].found && accs[i].site.expr != nil && accs[i].file == main.file {
					samefile = append(samefile, accs[i].site.expr.Pos())
				}
			}
			if kind, lock := main.file.raceKind(main.site, samefile); kind != "" {
				d.Kind, held = kind, lock
			}
			if d.Kind == "append" {
				// One goroutine appends while another only reads: they
				// do not append at once.
				for i := range accs {
					if &accs[i] != main && accs[i].found && !strings.HasSuffix(accs[i].loc.Role, "write") && accs[i].site.pattern != "append" && accs[i].loc.Line != main.loc.Line {
						key = "append:read"
					}
				}
			}
		}
	} else if r.Variable != "" && d.Kind == "shared" {
		d.Kind = "global"
	}
	if d.Variable == "" {
		d.Variable = "the same memory"
	}
	if key == "" {
		key = d.Kind
	}
	d.Cause, d.Fix = raceExplanation(key, d.Variable, stmt, held)
	return locs, d
}

// channelOp says which channel operation of the runtime an access ran
// in: "close", "send", or "" for any other.
func channelOp(frames []Frame) string {
	for _, f := range frames {
		switch {
		case f.Func == "runtime.closechan":
			return "close"
		case strings.HasPrefix(f.Func, "runtime.chansend"):
			return "send"
		}
	}
	return ""
}

// raceKind picks the pattern of a race from its main site, with accesses
// the positions of all its sites in the same file; "" when nothing more
// than "shared" is known. held names the read lock of an rlock-write.
func (f *sourceFile) raceKind(site raceSite, accesses []token.Pos) (kind, held string) {
	// What the variable is says more than what the statement does for a
	// loop variable (its i++ is the loop's) or a named result.
	variable := f.variableKind(site, accesses)
	if variable == "loop-variable" || variable == "named-result" {
		return variable, ""
	}
	if rlock := f.readLockHeld(site.expr.Pos()); rlock != "" {
		return "rlock-write", rlock
	}
	switch {
	case f.checkedBefore(site):
		return "check-then-act", ""
	case site.pattern != "":
		return site.pattern, ""
	case variable == "local":
		return "", ""
	}
	return variable, ""
}

// rankSite orders the accesses of a race by how much their statement
// tells: an increment or append first, then any write, then a read.
func rankSite(s raceSite, role string) int {
	switch {
	case s.pattern != "":
		return 2
	case strings.HasSuffix(role, "write"):
		return 1
	}
	return 0
}

// baseSelector returns the last name of a selector: "c.hits" gives "hits".
func baseSelector(name string) string {
	return name[strings.LastIndex(name, ".")+1:]
}

// hasMapFrame reports whether an access happened inside the runtime's map
// code: a map read or write.
func hasMapFrame(frames []Frame) bool {
	for _, f := range frames {
		if strings.HasPrefix(f.Func, "runtime.map") || strings.HasPrefix(f.Func, "internal/runtime/maps.") {
			return true
		}
	}
	return false
}

// raceMessage names the conflicting accesses of a race in the module's own
// code, and the variable when it is known.
func raceMessage(locs []Location, d *Diagnosis) string {
	var parts []string
	for _, l := range locs {
		if l.Role != "started" {
			parts = append(parts, fmt.Sprintf("%s at %s:%d", l.Role, filepath.Base(l.File), l.Line))
		}
	}
	if len(parts) == 0 {
		return "data race"
	}
	head := "data race"
	switch {
	case d != nil && d.Kind == "send-close":
		return fmt.Sprintf("data race on channel %s: %s", d.Variable, strings.Join(channelParts(locs), " conflicts with "))
	case d != nil && d.Kind == "callback":
		var at []string
		for _, l := range locs {
			p := fmt.Sprintf("%s:%d", filepath.Base(l.File), l.Line)
			if l.Role != "started" && !slices.Contains(at, p) {
				at = append(at, p)
			}
		}
		fn := "a function of the test"
		if d.Variable != "" {
			fn = "the test's " + d.Variable
		}
		return fmt.Sprintf("data race in %s, called by two goroutines at once (%s)", fn, strings.Join(at, ", "))
	case d != nil && d.Variable != "" && d.Variable != "the same memory":
		head += " on " + d.Variable
	}
	return head + ": " + strings.Join(parts, " conflicts with ")
}

// channelParts names the close and the send of a send-close race: "close
// at main.go:17", "send at main.go:14".
func channelParts(locs []Location) []string {
	var parts []string
	for _, l := range locs {
		if l.Role == "close" || l.Role == "send" {
			parts = append(parts, fmt.Sprintf("%s at %s:%d", l.Role, filepath.Base(l.File), l.Line))
		}
	}
	return parts
}
