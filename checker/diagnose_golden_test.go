package checker

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenDiagnosis is what TestDiagnoses compares for each test of a
// fixture: the verdict and message, the places and the diagnosis as data,
// and Told, the lines a student reads about it (the message, each group of
// goroutines, each place, the cause and the fix), as the renderers of
// internal/report print them from that data.
type goldenDiagnosis struct {
	Name      string     `json:"name"`
	Verdict   Verdict    `json:"verdict"`
	Message   string     `json:"message"`
	Told      []string   `json:"told"`
	Locations []Location `json:"locations,omitempty"`
	Diagnosis *Diagnosis `json:"diagnosis,omitempty"`
}

// told renders a failing test's explanation as the student reads it.
func told(tr TestResult) []string {
	lines := []string{tr.Message}
	d := tr.Diagnosis
	locs := tr.Locations
	if d != nil && len(d.Waits) > 0 {
		for _, w := range d.Waits {
			lines = append(lines, w.String())
		}
		locs = nil
		for _, l := range tr.Locations {
			if l.Role == "started" {
				locs = append(locs, l)
			}
		}
	}
	for _, l := range locs {
		lines = append(lines, l.String())
	}
	if d != nil {
		if d.Cause != "" {
			lines = append(lines, "cause: "+d.Cause)
		}
		if d.Fix != "" {
			lines = append(lines, "fix: "+d.Fix)
		}
	}
	return lines
}

// TestDiagnoses replays the recorded runs of the fixtures in
// testdata/diagnoses (each a tiny program and test that produces one
// situation: a lock held across slow work, a lock-order cycle, a send
// racing a close, a race through a test's callback, ...) and compares
// what the checker tells the student with the golden files there.
// Refresh the recordings with testdata/diagnoses/record.sh and the golden
// files with -update.
func TestDiagnoses(t *testing.T) {
	files, err := filepath.Glob("testdata/diagnoses/*.jsonl")
	require.NoError(t, err)
	require.NotEmpty(t, files, "run checker/testdata/diagnoses/record.sh")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(file)
			require.NoError(t, err)
			defer f.Close()
			run, err := Replay(f, Recording{Root: recordedRoot, ReadFile: recordedFiles(t)})
			require.NoError(t, err)
			var got []goldenDiagnosis
			for _, tr := range run.Tests {
				if tr.Verdict == Pass {
					continue
				}
				got = append(got, goldenDiagnosis{tr.Name, tr.Verdict, tr.Message, told(tr), tr.Locations, tr.Diagnosis})
			}
			data, err := json.MarshalIndent(got, "", "  ")
			require.NoError(t, err)
			golden := strings.TrimSuffix(file, ".jsonl") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, append(data, '\n'), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./checker -run TestDiagnoses -update")
			assert.JSONEq(t, string(want), string(data))
		})
	}
}
