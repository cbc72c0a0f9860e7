package report

import (
	"strings"
	"testing"

	"github.com/fatih/color"
	"github.com/stretchr/testify/assert"

	"github.com/racekit/racekit/checker"
)

func TestSummary(t *testing.T) {
	color.NoColor = true
	tests := []struct {
		name   string
		result Result
		want   string
	}{
		{"a pass says nothing more",
			Result{Name: "02_counter", Verdict: checker.Race, Passed: true, Expected: checker.Race, Message: "race on 2 of 2 runs"},
			"✓ 02_counter  race"},
		{"a failure says why",
			Result{Name: "02_counter", Verdict: checker.Pass, Expected: checker.Race, Message: "want race on every run, got pass 2"},
			"✗ 02_counter  pass      want race on every run, got pass 2"},
		{"a pass of fail or rule says how the runs split",
			Result{Name: "drop-send", Verdict: checker.Fail, Passed: true, Expected: checker.Fail, Accepted: []checker.Verdict{checker.Fail, checker.Rule},
				Message: "fail or rule on 3 of 3 runs (fail 1, rule 2)"},
			"✓ drop-send  fail      fail or rule on 3 of 3 runs (fail 1, rule 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			Summary(&b, &Document{Results: []Result{tt.result}, Total: 1})
			first, _, _ := strings.Cut(b.String(), "\n")
			assert.Equal(t, tt.want, first)
		})
	}
}
