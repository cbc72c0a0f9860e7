package grading

// GoVersion returns the version of the go command the grader builds with,
// as documents name it ("go1.26.8"): watch's welcome shows it, and grade
// batch keeps it beside each student's content hash, so that a new
// toolchain grades again.
func (g *Grader) GoVersion() string { return g.toolchain.Version }
