package racetest

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestWaitedSince(t *testing.T) {
	tests := []struct {
		name          string
		before, after map[string]int64
		want          time.Duration
	}{
		{"no thread waited", map[string]int64{"1": 5, "2": 7}, map[string]int64{"1": 5, "2": 7}, 0},
		{"the longest wait counts", map[string]int64{"1": 5, "2": 7}, map[string]int64{"1": 25, "2": 1007}, 1000},
		{"a new thread's whole wait counts", map[string]int64{"1": 5}, map[string]int64{"1": 5, "9": 300}, 300},
		{"a thread gone counts nothing", map[string]int64{"1": 5, "2": 7}, map[string]int64{"1": 15}, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, longestWait(tt.before, tt.after))
		})
	}
}

// TestOwnTimeInABubble checks that a limit in fake time is never extended:
// the load does not move a bubble's clock.
func TestOwnTimeInABubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		assert.True(t, inBubble())
		own := startOwnTime()
		own.before = map[string]int64{} // as if every thread had waited since
		assert.Zero(t, own.more())
	})
	assert.False(t, inBubble())
}

// TestOwnTimeGivesBackTheWait checks that a wait for a CPU is given back
// once, and then the limit is spent.
func TestOwnTimeGivesBackTheWait(t *testing.T) {
	own := startOwnTime()
	if len(own.before) == 0 {
		t.Skip("this system does not say how long threads waited for a CPU")
	}
	for tid := range own.before {
		own.before[tid] -= int64(time.Second) // a second of waiting, as if on a busy machine
	}
	more := own.more()
	assert.GreaterOrEqual(t, more, time.Second)
	assert.Less(t, own.more(), minExtension+time.Second, "the wait was given back once")
}
