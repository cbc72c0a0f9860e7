package checker

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
)

// diagnoseRace locates the first race report's accesses in the source,
// names the variable and picks the pattern.
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
	}
	var accs []access
	for _, a := range r.Accesses {
		f, ok := s.firstOwnFrameOf(a.Frames)
		if !ok {
			continue
		}
		accs = append(accs, access{
			loc:   Location{Role: a.Kind, Goroutine: a.Goroutine, File: f.File, Line: f.Line, Func: f.Func},
			file:  s.src.file(f.File),
			isMap: hasMapFrame(a.Frames),
		})
	}
	// The written side names the variable; the read side is found by it.
	for pass := 0; pass < 2; pass++ {
		for i := range accs {
			a := &accs[i]
			write := strings.HasSuffix(a.loc.Role, "write")
			if a.found || (pass == 0) != write {
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
	var locs []Location
	d := &Diagnosis{Kind: "shared", Variable: want}
	var main *access
	for i := range accs {
		locs = append(locs, accs[i].loc)
		if accs[i].isMap {
			d.Kind = "map"
		}
		if accs[i].found && accs[i].site.expr != nil {
			if main == nil || rankSite(accs[i].site, accs[i].loc.Role) > rankSite(main.site, main.loc.Role) {
				main = &accs[i]
			}
		}
	}
	for _, st := range r.Starts {
		if f, ok := s.firstOwnFrameOf(st.Frames); ok {
			locs = append(locs, Location{Role: "started", Goroutine: st.Goroutine, File: f.File, Line: f.Line, Func: f.Func})
		}
	}
	stmt, held := "", ""
	if main != nil {
		d.Variable = main.site.name
		stmt = main.site.stmt
		if d.Kind != "map" {
			var samefile []token.Pos
			for i := range accs {
				if accs[i].found && accs[i].site.expr != nil && accs[i].file == main.file {
					samefile = append(samefile, accs[i].site.expr.Pos())
				}
			}
			if kind, lock := main.file.raceKind(main.site, samefile); kind != "" {
				d.Kind, held = kind, lock
			}
		}
	} else if r.Variable != "" && d.Kind == "shared" {
		d.Kind = "global"
	}
	if d.Variable == "" {
		d.Variable = "the same memory"
	}
	d.Cause, d.Fix = raceExplanation(d.Kind, d.Variable, stmt, held)
	return locs, d
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
	if d != nil && d.Variable != "" && d.Variable != "the same memory" {
		head += " on " + d.Variable
	}
	return head + ": " + strings.Join(parts, " conflicts with ")
}
