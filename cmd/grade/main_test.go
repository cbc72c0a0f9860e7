package main

import (
	"flag"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the expected text in testdata/script when a cmp fails")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"grade": main})
}

// TestScripts runs the end-to-end scripts in testdata/script: the grade
// command as a student, a teacher and CI run it, with the real toolchain.
func TestScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the toolchain; skipped with -short")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	goEnv := map[string]string{}
	out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	vals := strings.Split(strings.TrimSpace(string(out)), "\n")
	goEnv["GOCACHE"], goEnv["GOMODCACHE"], goEnv["GOROOT"] = vals[0], vals[1], vals[2]
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			for k, v := range goEnv {
				env.Setenv(k, v)
			}
			env.Setenv("KIT", root)
			env.Setenv("GOPROXY", "off")
			env.Setenv("GOTOOLCHAIN", "local")
			env.Setenv("NO_COLOR", "1")
			// Everything grade keeps between runs stays in the test's folder.
			env.Setenv("RACEKIT_CACHE", filepath.Join(env.WorkDir, ".racekit-cache"))
			return nil
		},
		RequireExplicitExec: false,
		UpdateScripts:       *update,
	})
}
