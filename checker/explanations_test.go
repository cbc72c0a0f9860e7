package checker

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryKeyIsExplained checks that each key the diagnoses look up is in
// the table: a missing one would print an empty cause or fix.
func TestEveryKeyIsExplained(t *testing.T) {
	full := []string{
		"increment", "map", "append", "loop-variable", "captured-variable", "named-result",
		"check-then-act", "rlock-write", "field", "global", "shared",
		"append:read", "alias", "send-close", "callback", "copied-lock",
		"lock-order", "lock-held", "wait-group", "channel-send", "channel-receive", "nil-channel",
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

// TestExplanationsNamePlaces checks the sentences that name places in the
// code: each says what happened to what, where, in lowercase.
func TestExplanationsNamePlaces(t *testing.T) {
	sleeper := heldLockOf{in: Frame{Func: "example.com/m.(*Cache).Get", File: "/m/main.go", Line: 29}, mutex: "c.mu", line: 24}
	waiters := []Wait{{State: "sync.Mutex.Lock", Count: 3, File: "/m/main.go", Line: 24}}
	closed := Location{Role: "close", File: "/m/main.go", Line: 17}
	sent := Location{Role: "send", File: "/m/main.go", Line: 14}
	tests := []struct {
		name, got, want string
	}{
		{"lock held, working", lockHeldCause(lockHolding{held: sleeper, doing: "sleeps in load at main.go:18", waiters: waiters, working: true}),
			"Cache.Get locks c.mu (main.go:24) and keeps it while it sleeps in load at main.go:18: 3 goroutines that lock c.mu wait for it, so the goroutines that need the lock run one at a time, each waiting for the slow one"},
		{"lock held, blocked", lockHeldCause(lockHolding{held: sleeper, doing: "waits to receive from a channel at main.go:20", waiters: waiters}),
			"Cache.Get locks c.mu (main.go:24) and keeps it while it waits to receive from a channel at main.go:20: 3 goroutines that lock c.mu wait for it, and what it waits for never comes, so none of them can go on"},
		{"lock held, clause", lockHeldClause(lockHolding{held: sleeper, doing: "sleeps in load at main.go:18", waiters: waiters}),
			"Cache.Get holds c.mu while it sleeps in load at main.go:18, and 3 goroutines wait for it (main.go:24)"},
		{"lock held, fix", lockHeldFix(lockHolding{held: sleeper, doing: "keeps running at main.go:30"}),
			"hold c.mu only around the data it guards: unlock it before main.go:29 and lock it again afterwards if you need to, so that no goroutine holds it while it works"},
		{"lock held, the test's waiters", lockHeldClause(lockHolding{held: sleeper, doing: "sleeps in c.load at main.go:40",
			waiters: []Wait{{Count: 4, Main: true, File: "/m/main.go", Line: 34}}}),
			"Cache.Get holds c.mu while it sleeps in c.load at main.go:40, and 4 goroutines of the test wait for it (main.go:34)"},
		{"never unlocked", unlockedReturnCause("Box.Take", "b.mu", "main.go", 16, 14),
			"Box.Take returns at main.go:16 with b.mu still locked (locked at main.go:14), so the next Lock of b.mu waits forever"},
		{"send racing close", sendCloseCause("out", closed, sent),
			"close(out) at main.go:17 runs while another goroutine still sends on out at main.go:14: nothing makes the close wait for the last send, so on another run the send comes after the close and panics"},
		{"send on a closed channel", sendClosedCause("d.Progress", "Download.Cancel", "main.go", 59, "Download.run", 47),
			"Download.Cancel closes d.Progress (main.go:59) while Download.run still sends on it (main.go:47), and a send on a closed channel panics"},
		{"alias", aliasCause("b", "scratch", "format"),
			"b in format is made from the package-level scratch and shares its memory: every goroutine that runs format writes the same scratch at once"},
		{"callback", callbackCause("emit", []Location{{File: "/m/main.go", Line: 17}, {File: "/m/main.go", Line: 17}}),
			"emit comes from the test, which expects one call at a time, but goroutines call it at once (main.go:17): the race is inside it, and the calls are what to fix"},
		{"copied lock", copiedLockFix("Tally.Add", "t Tally", "t.mu"),
			"give Tally.Add a pointer receiver (func (t *Tally) Add) so that every call locks the same t.mu, and pass a Tally by pointer, never by value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.got)
			assert.NotContains(t, tt.got, "racetest", "a kit helper is never the thing to fix")
			assert.False(t, strings.HasSuffix(tt.got, "."), "no full stop")
		})
	}
}
