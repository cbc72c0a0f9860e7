package checker

import (
	"io"
	"os"
	"time"
)

// Recording describes a run of a race test binary that happened elsewhere:
// on another machine, or earlier. Its test2json events were saved, and
// Replay classifies them as Check would have.
type Recording struct {
	// Root is the module root as the recorded paths name it.
	Root string
	// ReadFile reads a file of the checked code by its recorded path, to
	// quote it; nil reads the path from disk.
	ReadFile func(path string) ([]byte, error)
	// Expected lists the top-level tests that had to report a result.
	Expected []string
	// ExitCode is the binary's exit status. A run whose events end in a
	// failing package counts as exit status 1 at least.
	ExitCode int
	// Killed reports whether the run was stopped at its wall-clock limit,
	// Limit.
	Killed bool
	Limit  time.Duration
	// OutputLimit caps the output kept per test (default
	// DefaultOutputLimit).
	OutputLimit int
}

// Replay classifies the test2json events of a recorded run.
func Replay(events io.Reader, rec Recording) (Run, error) {
	if rec.OutputLimit <= 0 {
		rec.OutputLimit = DefaultOutputLimit
	}
	log, err := ReadEvents(events, rec.OutputLimit)
	if err != nil {
		return Run{}, err
	}
	read := rec.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	proc := Process{ExitCode: rec.ExitCode, Killed: rec.Killed, Limit: rec.Limit}
	if log.Action == "fail" && proc.ExitCode == 0 {
		proc.ExitCode = 1
	}
	scope := classifier{root: rec.Root, src: &sourceFiles{read: read}}
	return scope.classifyRun(log, rec.Expected, proc), nil
}
