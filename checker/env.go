package checker

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// IgnoredGoSettings are the environment variables that could change how
// the go command builds a test (weaken -race, swap the toolchain, add an
// overlay or build tags, pull in other modules): the checker sets them
// itself, whatever the caller's environment says.
var IgnoredGoSettings = []string{"GOFLAGS", "GOTOOLCHAIN", "GOWORK"}

// goEnv is the go command's environment: environ without the settings the
// checker decides, then the checker's own: no GOFLAGS; the toolchain found
// on PATH, never another one downloaded; each package built in its own
// module, never a workspace.
func goEnv(environ []string) []string {
	env := withoutVars(environ, IgnoredGoSettings...)
	return append(env, "GOFLAGS=", "GOTOOLCHAIN=local", "GOWORK=off")
}

// withoutVars drops the named variables from an environment.
func withoutVars(environ []string, names ...string) []string {
	var env []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		drop := false
		for _, n := range names {
			drop = drop || name == n
		}
		if !drop {
			env = append(env, kv)
		}
	}
	return env
}

// testEnv is the whole environment of a test binary, the student's code:
// PATH, a fresh HOME and TMPDIR inside scratch, and the checker's own
// GOMAXPROCS, GORACE and GOTRACEBACK. Nothing else of the grader's
// environment (tokens in CI, say) reaches the code.
func testEnv(scratch string) ([]string, error) {
	home, tmp := filepath.Join(scratch, "home"), filepath.Join(scratch, "tmp")
	for _, d := range []string{home, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"TMPDIR=" + tmp,
		"GOMAXPROCS=" + strconv.Itoa(runtime.GOMAXPROCS(0)),
		"GORACE=" + GORACE,
		// Every goroutine's stack on a crash, in the format the parser
		// reads.
		"GOTRACEBACK=all",
	}, nil
}

// runMarker is the entry of a test environment that marks every process of
// its run: the TMPDIR entry, a directory of that run's own.
func runMarker(env []string) string {
	for _, kv := range env {
		if strings.HasPrefix(kv, "TMPDIR=") {
			return kv
		}
	}
	return ""
}
