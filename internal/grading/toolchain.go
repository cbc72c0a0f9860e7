package grading

// GoVersion returns the version of the go command the grader builds with,
// such as "go1.26.8".
func (g *Grader) GoVersion() string { return g.toolchain.Version }
