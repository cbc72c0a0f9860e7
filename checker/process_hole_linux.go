package checker

import (
	"os"
	"syscall"
)

// Flags of fallocate(2): free a range of a file, keeping its size.
const (
	fallocKeepSize  = 0x1
	fallocPunchHole = 0x2
)

// punchHole frees the n bytes of f at off from the disk (or from memory,
// on a tmpfs), keeping the file's size: the grader has read them, and a
// test that prints without end holds on the disk only what the grader has
// not read yet. A file system that cannot punch holes keeps them.
func punchHole(f *os.File, off, n int64) {
	_ = syscall.Fallocate(int(f.Fd()), fallocPunchHole|fallocKeepSize, off, n)
}
