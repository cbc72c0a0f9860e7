package checker

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// recordedRoot is the module root as testdata/record.sh writes it.
const recordedRoot = "/racekit"

// goldenRun is what TestRecorded compares: the run's verdicts and messages.
type goldenRun struct {
	Verdict Verdict      `json:"verdict"`
	Message string       `json:"message"`
	Tests   []goldenTest `json:"tests"`
}

type goldenTest struct {
	Name      string     `json:"name"`
	Verdict   Verdict    `json:"verdict"`
	Message   string     `json:"message"`
	Locations []Location `json:"locations,omitempty"`
	Diagnosis *Diagnosis `json:"diagnosis,omitempty"`
}

// recordedFiles reads the files of a recording: its paths under
// recordedRoot are this module's.
func recordedFiles(t *testing.T) func(string) ([]byte, error) {
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	return func(p string) ([]byte, error) {
		if rel, ok := strings.CutPrefix(p, recordedRoot+"/"); ok {
			p = filepath.Join(root, filepath.FromSlash(rel))
		}
		return os.ReadFile(p)
	}
}

// TestRecorded classifies the recorded events of every fixture package and
// compares the verdicts, messages, locations and diagnoses with the golden
// files.
func TestRecorded(t *testing.T) {
	files, err := filepath.Glob("testdata/events/*.jsonl")
	require.NoError(t, err)
	require.NotEmpty(t, files, "run checker/testdata/record.sh")
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".jsonl")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(file)
			require.NoError(t, err)
			defer f.Close()
			run, err := Replay(f, Recording{Root: recordedRoot, ReadFile: recordedFiles(t)})
			require.NoError(t, err)
			got := goldenRun{Verdict: run.Verdict, Message: run.Message}
			for _, tr := range run.Tests {
				got.Tests = append(got.Tests, goldenTest{tr.Name, tr.Verdict, tr.Message, tr.Locations, tr.Diagnosis})
			}
			data, err := json.MarshalIndent(got, "", "  ")
			require.NoError(t, err)
			golden := strings.TrimSuffix(file, ".jsonl") + ".golden"
			if *update {
				require.NoError(t, os.WriteFile(golden, append(data, '\n'), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./checker -run TestRecorded -update")
			assert.JSONEq(t, string(want), string(data))
		})
	}
}
