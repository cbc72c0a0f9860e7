//go:build linux

package checker

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProcs reads the test binary's own entry in /proc as the kernel has
// it.
func TestProcs(t *testing.T) {
	var self *procInfo
	for _, p := range procs() {
		if p.pid == os.Getpid() {
			self = &p
		}
	}
	require.NotNil(t, self, "this process is not listed")
	assert.Equal(t, os.Getppid(), self.ppid)
	assert.Equal(t, syscall.Getpgrp(), self.pgid)
	assert.NotEqual(t, byte('Z'), self.state)
}

// TestKillOrphans kills and reaps a child by the marker in its
// environment, and leaves alone one without it.
func TestKillOrphans(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep command")
	}
	start := func(env ...string) *exec.Cmd {
		cmd := exec.Command(sleep, "30")
		cmd.Env = env
		require.NoError(t, cmd.Start())
		return cmd
	}
	marked := start("TMPDIR=/racekit-test-marker")
	other := start("TMPDIR=/racekit-test-other")
	t.Cleanup(func() { _ = other.Process.Kill(); _ = other.Wait() })

	require.True(t, hasEnv(marked.Process.Pid, []byte("TMPDIR=/racekit-test-marker")))
	killOrphans("TMPDIR=/racekit-test-marker", 0)

	_, err = os.Stat("/proc/" + strconv.Itoa(marked.Process.Pid))
	assert.True(t, os.IsNotExist(err), "the marked child is still there, maybe a zombie")
	_, err = os.Stat("/proc/" + strconv.Itoa(other.Process.Pid))
	assert.NoError(t, err, "the other child was killed too")
	killOrphans("", 0)
	_, err = os.Stat("/proc/" + strconv.Itoa(other.Process.Pid))
	assert.NoError(t, err, "an empty marker killed a child")
}
