package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/racekit/racekit/checker/analyzers"
)

// Each analyzer runs on its package of testdata/src, whose // want
// comments say what it must report; the lines without one are correct code
// it must leave alone. Rules relative to the shipped code are built with
// what the shipped code had.
func TestAnalyzers(t *testing.T) {
	tests := []struct {
		analyzer *analysis.Analyzer
		pkg      string
	}{
		{analyzers.NoSleep(map[string]int{"work": 1}), "nosleep"},
		{analyzers.NoSleep(map[string]int{"work": 1}), "nosleepmoved"},
		{analyzers.KeepGo(11), "keepgo"},
		{analyzers.KeepGo(3), "keepgofewer"},
		{analyzers.KeepBuildLine(map[string]string{"a.go": "//go:build go1.21", "b.go": "//go:build go1.21"}), "keepbuildline"},
		{analyzers.NoScheduler, "noscheduler"},
		{analyzers.NoRecover(map[string]int{"shipped": 1}), "norecover"},
		{analyzers.NoSpin, "nospin"},
		{analyzers.NoNorace, "nonorace"},
		{analyzers.NoTestDetect, "notestdetect"},
		{analyzers.NoGoroutineID, "nogoroutineid"},
		{analyzers.AtomicRMW, "atomicrmw"},
		{analyzers.NoDropSend, "nodropsend"},
		{analyzers.OneCriticalSection, "onecriticalsection"},
		{analyzers.StopTicker, "stopticker"},
		{analyzers.SendOrCancel, "sendorcancel"},
	}
	for _, tt := range tests {
		t.Run(tt.pkg, func(t *testing.T) {
			analysistest.Run(t, analysistest.TestData(), tt.analyzer, tt.pkg)
		})
	}
}
