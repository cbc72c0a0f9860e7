package grading

import (
	"testing"
	"time"

	"github.com/racekit/racekit/checker"
	"github.com/stretchr/testify/assert"
)

// TestTimeoutHint suggests a longer --timeout only when the run's own
// wall-clock limit ran out, never when a test gave up on code that never
// finishes.
func TestTimeoutHint(t *testing.T) {
	for _, tt := range []struct {
		name string
		res  checker.Result
		want string
	}{
		{name: "the run's limit",
			res:  checker.Result{Verdict: checker.Timeout, Runs: []checker.Run{{Verdict: checker.Pass}, {Verdict: checker.Timeout, TimeLimit: true}}},
			want: " (the limit is 60s a run; if the tests need longer, raise it: grade check --timeout 3m0s)"},
		{name: "the test gave up",
			res: checker.Result{Verdict: checker.Timeout, Runs: []checker.Run{{Verdict: checker.Timeout}}}},
		{name: "another verdict",
			res: checker.Result{Verdict: checker.Deadlock, Runs: []checker.Run{{Verdict: checker.Deadlock, TimeLimit: true}}}},
		{name: "no run",
			res: checker.Result{Verdict: checker.Timeout}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, timeoutHint(&tt.res, time.Minute))
		})
	}
}
