package report

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/racekit/racekit/checker"
)

func TestReliability(t *testing.T) {
	type run struct {
		cpu      int
		solution bool
		expected []checker.Verdict
		got      checker.Verdict
	}
	tests := []struct {
		name string
		runs []run
		want []ReliabilityRow
	}{
		{name: "no runs"},
		{
			name: "every run as declared",
			runs: []run{{1, false, []checker.Verdict{checker.Race}, checker.Race}, {1, true, []checker.Verdict{checker.Pass}, checker.Pass}, {4, false, []checker.Verdict{checker.Exit}, checker.Exit}},
			want: []ReliabilityRow{
				{CPU: 1, ExerciseRuns: 1, Detected: 1, SolutionRuns: 1, Passed: 1},
				{CPU: 4, ExerciseRuns: 1, Detected: 1},
				{CPU: 0, ExerciseRuns: 2, Detected: 2, SolutionRuns: 1, Passed: 1},
			},
		},
		{
			name: "a racy run that passed and a solution that failed",
			runs: []run{{2, false, []checker.Verdict{checker.Race}, checker.Pass}, {2, false, []checker.Verdict{checker.Race}, checker.Fail}, {2, true, []checker.Verdict{checker.Pass}, checker.Deadlock}},
			want: []ReliabilityRow{
				{CPU: 2, ExerciseRuns: 2, FalsePass: 1, SolutionRuns: 1},
				{CPU: 0, ExerciseRuns: 2, FalsePass: 1, SolutionRuns: 1},
			},
		},
		{
			name: "a wrong fix declared fail or rule",
			runs: []run{{2, false, []checker.Verdict{checker.Fail, checker.Rule}, checker.Fail}, {2, false, []checker.Verdict{checker.Fail, checker.Rule}, checker.Rule}, {2, false, []checker.Verdict{checker.Fail, checker.Rule}, checker.Race}},
			want: []ReliabilityRow{
				{CPU: 2, ExerciseRuns: 3, Detected: 2},
				{CPU: 0, ExerciseRuns: 3, Detected: 2},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Reliability
			for _, r := range tt.runs {
				m.Add(r.cpu, r.solution, r.expected, r.got)
			}
			assert.Equal(t, tt.want, m.Rows())
		})
	}
}

func TestWriteReliability(t *testing.T) {
	var m Reliability
	for range 3 {
		m.Add(16, false, []checker.Verdict{checker.Race}, checker.Race)
	}
	m.Add(16, false, []checker.Verdict{checker.Race}, checker.Pass)
	m.Add(16, true, []checker.Verdict{checker.Pass}, checker.Pass)
	var b strings.Builder
	assert.NoError(t, WriteReliability(&b, m.Rows()))
	assert.Equal(t, ""+
		"  cpu  exercise runs  detected  false pass  solution runs  passed  false fail\n"+
		"   16              4     75.0%       25.0%              1  100.0%        0.0%\n"+
		"  all              4     75.0%       25.0%              1  100.0%        0.0%\n", b.String())
}
