//go:build !unix

package checker

import "os/exec"

// ownProcessGroup does nothing where process groups do not exist.
func ownProcessGroup(cmd *exec.Cmd) {}

// killProcessGroup kills the command itself; what it started may survive.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
