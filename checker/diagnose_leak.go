package checker

import "fmt"

// diagnoseLeak explains goroutines left behind after a test.
func (s classifier) diagnoseLeak(gs []Goroutine) *Diagnosis {
	ws := s.waits(gs)
	if len(ws) == 0 {
		return nil
	}
	d := &Diagnosis{Kind: "leak", Waits: ws,
		Cause: fmt.Sprintf("%s never returned after the test ended: %s", plural(count(ws), "goroutine"), describe(ws)),
		Fix:   "make sure every goroutine you start can return: stop it with a done channel or ctx.Done() in a select beside each send and receive",
	}
	if ws[0].State == "chan send" {
		d.Fix = "give the sender a way to finish when no one reads: a channel buffered for its one result, or a select on ctx.Done() or a done channel"
	}
	return d
}
