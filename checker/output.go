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
	c.tail = append(c.tail, s...)
	if keep := c.limit - c.limit/2; len(c.tail) > keep {
		cut := len(c.tail) - keep
		c.dropped += int64(cut)
		c.tail = append(c.tail[:0], c.tail[cut:]...)
	}
}

// Truncated reports whether anything was dropped.
func (c *cappedText) Truncated() bool {
	return c.dropped > 0
}

// String returns the kept text, with a line that says how much was dropped.
func (c *cappedText) String() string {
	if c.dropped == 0 {
		return c.head.String() + string(c.tail)
	}
	return fmt.Sprintf("%s\n... %d bytes of output cut ...\n%s", c.head.String(), c.dropped, c.tail)
}
