package checker

import (
	"fmt"
	"slices"
)

// exitPhrases say what a goroutine in a state was still doing when the
// code under test returned, as a plural verb phrase.
var exitPhrases = map[string]string{
	"running": "were still running", "runnable": "were still running", "sleep": "were still sleeping",
}

// diagnoseExit explains goroutines still working when the code under test
// returned: only those the code started count.
func (s classifier) diagnoseExit(gs []Goroutine) *Diagnosis {
	e := explanations["exit"]
	d := &Diagnosis{Kind: "exit", Cause: e.cause, Fix: e.fix}
	var workers []Goroutine
	var started []string
	for _, g := range gs {
		if !s.startedByCode(g) {
			continue
		}
		workers = append(workers, g)
		at := fmt.Sprintf("%s:%d", baseName(g.CreatedBy.File), g.CreatedBy.Line)
		if !slices.Contains(started, at) {
			started = append(started, at)
		}
	}
	if len(workers) == 0 {
		return d
	}
	d.Waits = s.waits(workers)
	for i, w := range d.Waits {
		if p, ok := exitPhrases[w.State]; ok {
			d.Waits[i].Phrase = p
		} else {
			d.Waits[i].Phrase = "were still waiting in " + w.State
		}
	}
	d.Cause = exitCause(len(workers), started)
	return d
}
