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
	Name    string  `json:"name"`
	Verdict Verdict `json:"verdict"`
	Message string  `json:"message"`
}

// TestRecorded classifies the recorded events of every fixture package and
// compares the verdicts and messages with the golden files.
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
			log, err := ReadEvents(f, DefaultOutputLimit)
			require.NoError(t, err)
			proc := Process{ExitCode: 0}
			if log.Action != "pass" {
				proc.ExitCode = 1
			}
			run := frameScope{root: recordedRoot}.classifyRun(log, nil, proc)
			got := goldenRun{Verdict: run.Verdict, Message: run.Message}
			for _, tr := range run.Tests {
				got.Tests = append(got.Tests, goldenTest{tr.Name, tr.Verdict, tr.Message})
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
