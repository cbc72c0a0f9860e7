package checker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// Toolchain is the Go installation the checker drives.
type Toolchain struct {
	// Go is the path of the go command.
	Go string
	// Test2JSON is the path of the test2json tool that turns a test
	// binary's verbose output into events.
	Test2JSON string
	// Version is the go command's version, such as "go1.26.8".
	Version string
	// GOROOT and GOMODCACHE are where the standard library's and the
	// modules' sources are: stack frames name files there.
	GOROOT, GOMODCACHE string
	// env is the go command's environment: the caller's, with the settings
	// that could change how a test is built decided by the checker.
	env []string
}

// ToolchainError says why the toolchain cannot grade with the race
// detector, and what to do about it.
type ToolchainError struct {
	Problem string
	Hint    string
}

func (e *ToolchainError) Error() string { return e.Problem }

// FindToolchain finds the go command on PATH and checks that it can build
// with the race detector: cgo on and a C compiler present.
func FindToolchain(ctx context.Context) (*Toolchain, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return nil, &ToolchainError{Problem: "the go command is not on PATH", Hint: "install Go 1.25 or newer and put its bin directory on PATH"}
	}
	env := goEnv(os.Environ())
	cmd := exec.CommandContext(ctx, goCmd, "env", "CGO_ENABLED", "CC", "GOVERSION", "GOROOT", "GOMODCACHE")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", commandError(err))
	}
	vals := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(vals) < 5 {
		return nil, fmt.Errorf("go env printed %q", out)
	}
	if vals[0] != "1" {
		return nil, &ToolchainError{Problem: "the race detector needs cgo, and cgo is off (CGO_ENABLED=0)", Hint: "install a C compiler (gcc or clang) and run with CGO_ENABLED=1"}
	}
	cc := strings.Fields(vals[1])
	if len(cc) == 0 {
		cc = []string{"gcc"}
	}
	if _, err := exec.LookPath(cc[0]); err != nil {
		return nil, &ToolchainError{Problem: fmt.Sprintf("the race detector needs a C compiler, and %q is not installed", cc[0]), Hint: "install gcc (apt-get install gcc, apk add build-base, or MinGW-w64 on Windows) or set CC to a C compiler"}
	}
	cmd = exec.CommandContext(ctx, goCmd, "tool", "-n", "test2json")
	cmd.Env = env
	t2j, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go tool -n test2json: %w", commandError(err))
	}
	return &Toolchain{Go: goCmd, Test2JSON: strings.TrimSpace(string(t2j)), Version: vals[2], GOROOT: vals[3], GOMODCACHE: vals[4], env: env}, nil
}

// commandError adds a failed command's standard error to its error.
func commandError(err error) error {
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && len(exitErr.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, strings.TrimSpace(string(exitErr.Stderr)))
	}
	return err
}
