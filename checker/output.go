package checker

import (
	"fmt"
	"strings"
)

// cappedText keeps the head and the tail of a text that may grow without
// bound, and counts what it dropped in between. A test that prints
// gigabytes costs the grader no more than the cap.
type cappedText struct {
	limit   int
	head    strings.Builder
	tail    []byte
	dropped int64
}

// newCappedText returns a buffer that keeps at most limit bytes: half from
// the start and half from the end.
func newCappedText(limit int) *cappedText {
	return &cappedText{limit: limit}
}

// WriteString appends s, dropping from the middle once the cap is reached.
func (c *cappedText) WriteString(s string) {
	if room := c.limit/2 - c.head.Len(); room > 0 {
		n := min(room, len(s))
		c.head.WriteString(s[:n])
		s = s[n:]
	}
	if s == "" {
		return
	}
	// The tail may grow to twice what it keeps before it is cut back, so
	// that many small writes move each byte a bounded number of times.
	c.tail = append(c.tail, s...)
	if keep := c.keep(); len(c.tail) > 2*keep {
		cut := len(c.tail) - keep
		c.dropped += int64(cut)
		c.tail = append(c.tail[:0], c.tail[cut:]...)
	}
}

// keep is how many bytes of the tail are kept.
func (c *cappedText) keep() int {
	return c.limit - c.limit/2
}

// kept returns the tail as kept and the count of bytes dropped in all.
func (c *cappedText) kept() ([]byte, int64) {
	if extra := len(c.tail) - c.keep(); extra > 0 {
		return c.tail[extra:], c.dropped + int64(extra)
	}
	return c.tail, c.dropped
}

// Truncated reports whether anything was dropped.
func (c *cappedText) Truncated() bool {
	_, dropped := c.kept()
	return dropped > 0
}

// String returns the kept text, with a line that says how much was dropped.
func (c *cappedText) String() string {
	tail, dropped := c.kept()
	if dropped == 0 {
		return c.head.String() + string(tail)
	}
	return fmt.Sprintf("%s\n... %d bytes of output cut ...\n%s", c.head.String(), dropped, tail)
}
