package report

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"

	"github.com/racekit/racekit/checker"
)

// Reliability is the flake matrix of grade verify: for each CPU count, how
// many runs of the broken exercises got their declared verdict and how many
// passed anyway, and how many runs of the solutions passed.
type Reliability struct {
	rows map[int]*ReliabilityRow
}

// ReliabilityRow counts the runs at one CPU count.
type ReliabilityRow struct {
	// CPU is the GOMAXPROCS of the runs; 0 in the total row.
	CPU int `json:"cpu"`
	// ExerciseRuns counts the runs of exercises as shipped; Detected those
	// that got the declared verdict; FalsePass those graded pass.
	ExerciseRuns int `json:"exercise_runs"`
	Detected     int `json:"detected"`
	FalsePass    int `json:"false_pass"`
	// SolutionRuns counts the runs of solutions; Passed those graded pass.
	SolutionRuns int `json:"solution_runs"`
	Passed       int `json:"passed"`
}

// Add counts one run: of a solution or an exercise, with the verdicts it
// was declared to get (any one of them counts as detected) and the one it
// got.
func (m *Reliability) Add(cpu int, solution bool, declared []checker.Verdict, got checker.Verdict) {
	if m.rows == nil {
		m.rows = map[int]*ReliabilityRow{}
	}
	r := m.rows[cpu]
	if r == nil {
		r = &ReliabilityRow{CPU: cpu}
		m.rows[cpu] = r
	}
	if solution {
		r.SolutionRuns++
		if got == checker.Pass {
			r.Passed++
		}
		return
	}
	r.ExerciseRuns++
	if slices.Contains(declared, got) {
		r.Detected++
	}
	if got == checker.Pass {
		r.FalsePass++
	}
}

// Rows returns one row per CPU count, in order, and a total row with CPU 0.
func (m *Reliability) Rows() []ReliabilityRow {
	var cpus []int
	for cpu := range m.rows {
		cpus = append(cpus, cpu)
	}
	slices.Sort(cpus)
	var rows []ReliabilityRow
	total := ReliabilityRow{}
	for _, cpu := range cpus {
		r := *m.rows[cpu]
		rows = append(rows, r)
		total.ExerciseRuns += r.ExerciseRuns
		total.Detected += r.Detected
		total.FalsePass += r.FalsePass
		total.SolutionRuns += r.SolutionRuns
		total.Passed += r.Passed
	}
	if len(rows) > 0 {
		rows = append(rows, total)
	}
	return rows
}

// WriteReliability writes the matrix's rows as a table: detection and
// false-pass rates of the exercises, pass and false-fail rates of the
// solutions.
func WriteReliability(w io.Writer, rows []ReliabilityRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cpu\texercise runs\tdetected\tfalse pass\tsolution runs\tpassed\tfalse fail\t")
	for _, r := range rows {
		cpu := fmt.Sprint(r.CPU)
		if r.CPU == 0 {
			cpu = "all"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%s\t%s\t\n", cpu,
			r.ExerciseRuns, percent(r.Detected, r.ExerciseRuns), percent(r.FalsePass, r.ExerciseRuns),
			r.SolutionRuns, percent(r.Passed, r.SolutionRuns), percent(r.SolutionRuns-r.Passed, r.SolutionRuns))
	}
	return tw.Flush()
}

// percent formats part of whole as "99.5%", or "-" for no runs.
func percent(part, whole int) string {
	if whole == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(part)/float64(whole))
}
