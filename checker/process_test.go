package checker

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shProcess is a process that runs script with sh, its output in a fresh
// directory of the test's.
func shProcess(t *testing.T, script string) process {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs sh")
	}
	dir := t.TempDir()
	return process{dir: dir, args: []string{"sh", "-c", script}, limit: time.Minute, output: filepath.Join(dir, "output")}
}

// TestProcessOutputNeverWaitsForTheReader runs a command that prints far
// more than a pipe holds while its reader reads nothing until the command
// has finished: the command's writes go to a file, so they never wait for
// the grader, and everything it printed is read afterwards.
func TestProcessOutputNeverWaitsForTheReader(t *testing.T) {
	p := shProcess(t, `head -c 4000000 /dev/zero; echo; echo last words; touch "$0"`)
	done := filepath.Join(p.dir, "done")
	p.args = append(p.args, done)
	var got []byte
	res, err := p.run(context.Background(), func(r io.Reader) {
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(done); err == nil {
				break
			}
			if time.Now().After(deadline) {
				t.Error("the command did not finish while its output was not read")
				break
			}
		}
		got, _ = io.ReadAll(r)
	})
	require.NoError(t, err)
	assert.Equal(t, 0, res.exitCode)
	assert.Len(t, got, 4000000+len("\nlast words\n"))
	assert.Contains(t, string(got[len(got)-20:]), "last words")
}

// TestProcessFilter feeds the output through a filter command before the
// sink: the sink reads what the filter made of it.
func TestProcessFilter(t *testing.T) {
	p := shProcess(t, `echo one; echo two >&2; exit 3`)
	p.filter = []string{"tr", "a-z", "A-Z"}
	var got []byte
	res, err := p.run(context.Background(), func(r io.Reader) { got, _ = io.ReadAll(r) })
	require.NoError(t, err)
	assert.Equal(t, 3, res.exitCode)
	assert.Equal(t, "ONE\nTWO\n", string(got))
}

// TestProcessOutputLimit kills a command that prints without end once its
// output passes the limit, and reads no more than the limit.
func TestProcessOutputLimit(t *testing.T) {
	p := shProcess(t, `while :; do echo flood flood flood flood flood flood flood; done`)
	p.outputLimit = 1 << 20
	var read int64
	res, err := p.run(context.Background(), func(r io.Reader) { read, _ = io.Copy(io.Discard, r) })
	require.NoError(t, err)
	assert.False(t, res.killed, "killed at the time limit, not the output limit")
	assert.Greater(t, res.output, int64(1<<20))
	assert.LessOrEqual(t, read, int64(1<<20))
	assert.NotEqual(t, 0, res.exitCode)
}

// TestProcessCancel stops a command and its reader when the context is
// cancelled.
func TestProcessCancel(t *testing.T) {
	p := shProcess(t, `echo started; sleep 60`)
	p.filter = []string{"cat"}
	ctx, cancel := context.WithCancel(context.Background())
	_, err := p.run(ctx, func(r io.Reader) {
		buf := make([]byte, 8)
		_, _ = io.ReadFull(r, buf)
		cancel()
		_, _ = io.Copy(io.Discard, r)
	})
	assert.ErrorIs(t, err, context.Canceled)
}
