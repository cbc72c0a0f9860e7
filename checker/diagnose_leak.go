package checker

// diagnoseLeak explains goroutines left behind after a test.
func (s classifier) diagnoseLeak(gs []Goroutine) *Diagnosis {
	ws := s.waits(gs)
	if len(ws) == 0 {
		return nil
	}
	d := &Diagnosis{Kind: "leak", Waits: ws, Cause: leakCause(ws), Fix: explanations["leak"].fix}
	if ws[0].State == "chan send" {
		d.Fix = explanations["leak:send"].fix
	}
	return d
}
