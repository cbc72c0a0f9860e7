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

// TestWaitNamesWhoseGoroutines checks that a wait counts only the
// student's goroutines as "goroutines", and names the test's by what they
// called or as the test's, never as "main".
func TestWaitNamesWhoseGoroutines(t *testing.T) {
	tests := []struct {
		name string
		w    Wait
		want string
	}{
		{"student's", Wait{Count: 3, File: "/m/main.go", Line: 14, Func: "m.run.func1", Phrase: "wait to send on a channel"},
			"3 goroutines wait to send on a channel (main.go:14)"},
		{"student's, one", Wait{Count: 1, File: "/m/main.go", Line: 14, Func: "m.run.func1", Phrase: "wait to send on a channel"},
			"1 goroutine waits to send on a channel (main.go:14)"},
		{"the test's call", Wait{Count: 1, Main: true, File: "/m/main.go", Line: 30, Func: "example.com/m.run", Phrase: "wait in WaitGroup.Wait"},
			"run, called by the test, waits in WaitGroup.Wait (main.go:30)"},
		{"the test's calls", Wait{Count: 4, Main: true, File: "/m/main.go", Line: 34, Func: "example.com/m.(*Cache).Get", Phrase: "wait in Mutex.Lock for c.mu"},
			"4 goroutines of the test, in Cache.Get, wait in Mutex.Lock for c.mu (main.go:34)"},
		{"in a test file", Wait{Count: 1, Main: true, File: "/m/main_test.go", Line: 11, Func: "example.com/m.TestStart.func1", Phrase: "wait to receive from a channel"},
			"1 goroutine of the test waits to receive from a channel (main_test.go:11)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.w.String())
		})
	}
}
