package checker

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryKeyIsExplained checks that each key the diagnoses look up is in
// the table: a missing one would print an empty cause or fix.
func TestEveryKeyIsExplained(t *testing.T) {
	full := []string{
		"increment", "map", "append", "loop-variable", "captured-variable", "named-result",
		"check-then-act", "rlock-write", "field", "global", "shared",
		"lock-order", "wait-group", "channel-send", "channel-receive", "nil-channel",
		"select", "cond", "lock", "spin", "slow", "exit",
	}
	for _, k := range panicKinds {
		full = append(full, k.key)
	}
	for _, key := range full {
		assert.NotEmpty(t, explanations[key].cause, key)
		assert.NotEmpty(t, explanations[key].fix, key)
	}
	for _, key := range []string{"relock", "leak", "leak:send"} {
		assert.NotEmpty(t, explanations[key].fix, key)
	}
}
