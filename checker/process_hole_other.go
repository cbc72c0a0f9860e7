//go:build !linux

package checker

import "os"

// punchHole does nothing outside Linux: the output file keeps what the
// grader has read until the run's directory is removed.
func punchHole(f *os.File, off, n int64) {}
