package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/assert"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/kit"
	"github.com/racekit/racekit/internal/pristine"
	"github.com/racekit/racekit/internal/report"
	"github.com/racekit/racekit/internal/reportschema"
)

var update = flag.Bool("update", false, "rewrite the expected text in testdata/script when a cmp fails")

func TestMain(m *testing.M) {
	if os.Getenv(runAsGrade) == "1" {
		// TestWatch starts this binary in a pseudo-terminal as grade.
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){"grade": main})
}

// runAsGrade, set to 1 in its environment, makes the test binary run
// grade with its arguments.
const runAsGrade = "RACEKIT_TEST_RUN_AS_GRADE"

// TestScripts runs the end-to-end scripts in testdata/script: the grade
// command as a student, a teacher and CI run it, with the real toolchain.
func TestScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the toolchain; skipped with -short")
	}
	root := shippedKit(t)
	cache := filepath.Join(t.TempDir(), "racekit-cache")
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
			// The scripts share one cache, as a user's grade commands
			// do: its binaries are keyed by their content, so the
			// exercises as shipped, which most scripts grade, are linked
			// once instead of once per script, and the scripts try
			// grade processes sharing a cache at the same time.
			env.Setenv("RACEKIT_CACHE", cache)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"valid-report":     validReport,
			"decode-classroom": decodeClassroom,
			"same-results":     sameResults,
		},
		RequireExplicitExec: false,
		UpdateScripts:       *update,
	})
}

// shippedKit writes the kit as shipped (the files embedded in grade) and
// the repository's solutions into a temporary folder: the scripts grade
// that, not the working copy, where exercises may have been solved.
func shippedKit(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "kit")
	if _, err := pristine.Write(root, racekit.Shipped); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(root, "solutions"), os.DirFS("../../solutions")); err != nil {
		t.Fatal(err)
	}
	// The wrong fixes prove the exercises fair, which make verify
	// checks; here they would only make every verify in the
	// scripts build a dozen more binaries per exercise.
	wrongs, err := filepath.Glob(filepath.Join(root, "solutions", "*", kit.WrongDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wrongs {
		if err := os.RemoveAll(w); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// validReport is the script command "valid-report FILE": FILE (stdout, say)
// holds a report document that validates against schema/report.schema.json.
func validReport(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: valid-report FILE")
	}
	err := reportschema.Validate([]byte(ts.ReadFile(args[0])))
	switch {
	case neg && err == nil:
		ts.Fatalf("%s validates against the report schema", args[0])
	case !neg && err != nil:
		ts.Fatalf("%s: %v", args[0], err)
	}
}

// decodeClassroom is the script command "decode-classroom FILE OUT": it
// decodes the last result=<base64> line of the step output file FILE, as
// the Classroom autograding reporter does, and writes the JSON, indented,
// to OUT for grep.
func decodeClassroom(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: decode-classroom FILE OUT")
	}
	var encoded string
	for line := range strings.Lines(ts.ReadFile(args[0])) {
		if v, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "result="); ok {
			encoded = v
		}
	}
	if encoded == "" {
		ts.Fatalf("%s has no result= line", args[0])
	}
	data, err := base64.StdEncoding.DecodeString(encoded)
	ts.Check(err)
	var pretty bytes.Buffer
	ts.Check(json.Indent(&pretty, data, "", "  "))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), pretty.Bytes(), 0o666))
}

// sameResults is the script command "same-results A B": the report
// documents in files A and B grade the same exercises with the same
// verdicts and scores, and passing exercises with the same tests (their
// times and commands may differ).
func sameResults(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: same-results A B")
	}
	summary := func(file string) []string {
		var doc report.Document
		if err := json.Unmarshal([]byte(ts.ReadFile(file)), &doc); err != nil {
			ts.Fatalf("%s: %v", file, err)
		}
		var lines []string
		for _, r := range doc.Results {
			// A failing exercise's other tests may fail one way or another
			// from run to run (a race also spoils a count, or not): only a
			// passing exercise's tests are compared one by one.
			line := fmt.Sprintf("%s %s %d/%d", r.Name, r.Verdict, r.Score, r.Points)
			for _, t := range r.Tests {
				if r.Passed {
					line += fmt.Sprintf(" %s=%s", t.Name, t.Verdict)
				}
			}
			lines = append(lines, line)
		}
		return lines
	}
	a, b := summary(args[0]), summary(args[1])
	same := slices.Equal(a, b)
	switch {
	case neg && same:
		ts.Fatalf("%s and %s have the same results", args[0], args[1])
	case !neg && !same:
		ts.Fatalf("%s and %s differ:\n%s\n---\n%s", args[0], args[1], strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

// TestMainExitStatus pins grade's exit statuses and where it writes: 0 for
// help and a pass, 1 when something does not pass, 2 for a usage error, 3
// when the grader cannot work. Only the status-1 row runs the toolchain.
func TestMainExitStatus(t *testing.T) {
	notAKit := t.TempDir()
	for _, tt := range []struct {
		name      string
		args      []string
		env       map[string]string
		status    int
		stdout    string // a substring stdout must hold; "" for empty
		stderr    string // a substring stderr must hold; "" for empty
		toolchain bool
	}{
		{name: "help", args: []string{"help"}, status: 0, stdout: "grade run NAME|NUMBER"},
		{name: "grade -h", args: []string{"-h"}, status: 0, stdout: "usage: grade [flags]"},
		{name: "run -h", args: []string{"run", "-h"}, status: 0, stdout: "--hints hints"},
		{name: "check --help", args: []string{"check", "--help"}, status: 0, stdout: "--timeout limit"},
		{name: "rules", args: []string{"rules"}, status: 0, stdout: "no-norace (every exercise)\n  //go:norace"},
		{name: "rules of one exercise", args: []string{"rules", "20"}, status: 0, stdout: "no-recover\n  recover() hides the panic"},
		{name: "rules of an unknown exercise", args: []string{"rules", "99"}, status: 2, stderr: `grade: no exercise "99"`},
		{name: "help verify", args: []string{"help", "verify"}, status: 0, stdout: "--repeat runs"},
		{name: "batch -h", args: []string{"batch", "-h"}, status: 0, stdout: "--shard K/N"},
		{name: "help merge", args: []string{"help", "merge"}, status: 0, stdout: "usage: grade merge [flags] OUTDIR..."},
		{name: "batch without a folder", args: []string{"batch"}, status: 2, stderr: "grade: batch takes one folder of student folders"},
		{name: "bad shard", args: []string{"batch", ".", "--shard", "2"}, status: 2, stderr: `grade: shard "2" is not K/N`},
		{name: "bad jobs", args: []string{"batch", ".", "--jobs", "0"}, status: 2, stderr: "grade: --jobs must be at least 1"},
		{name: "merge without folders", args: []string{"merge"}, status: 2, stderr: "grade: merge takes the output folders of grade batch"},
		{name: "merge of a folder that is not an output", args: []string{"merge", notAKit, "--out", filepath.Join(notAKit, "m")}, status: 3, stderr: "is not an output folder of grade batch"},
		{name: "unknown command", args: []string{"bogus"}, status: 2, stderr: `grade: unknown command "bogus"`},
		{name: "help of an unknown command", args: []string{"help", "bogus"}, status: 2, stderr: `grade: unknown command "bogus"`},
		{name: "run without an exercise", args: []string{"run"}, status: 2, stderr: "grade: run takes one exercise"},
		{name: "unknown format", args: []string{"--format", "yaml"}, status: 2, stderr: `grade: unknown format "yaml"`},
		{name: "unknown report", args: []string{"run", "01", "--report", "x"}, status: 2, stderr: `grade: unknown report "x": use junit, github, classroom, gradescope, prairielearn or json`},
		{name: "report without a file", args: []string{"check", ".", "--report", "junit"}, status: 2, stderr: "grade: --report junit needs a file: use --report junit=FILE"},
		{name: "unknown flag", args: []string{"list", "--nope"}, status: 2, stderr: "grade: flag provided but not defined: -nope"},
		{name: "bad repeat", args: []string{"verify", "--repeat", "0"}, status: 2, stderr: "grade: --repeat must be at least 1"},
		{name: "hint without an exercise", args: []string{"hint"}, status: 2, stderr: "grade: hint takes one exercise: grade hint NAME|NUMBER"},
		{name: "hint of an unknown exercise", args: []string{"hint", "99"}, status: 2, stderr: `grade: no exercise "99"`},
		{name: "reset -h", args: []string{"reset", "-h"}, status: 0, stdout: "--yes"},
		{name: "solution -h", args: []string{"solution", "-h"}, status: 0, stdout: "--force"},
		{name: "hint -h", args: []string{"hint", "-h"}, status: 0, stdout: "--tier tier"},
		{name: "next with an argument", args: []string{"next", "01"}, status: 2, stderr: "grade: next takes no arguments"},
		{name: "watch with an argument", args: []string{"watch", "01"}, status: 2, stderr: "grade: watch takes no arguments"},
		{name: "next outside a kit", args: []string{"next"}, env: map[string]string{"RACEKIT_ROOT": notAKit}, status: 3, stderr: "grade: hint: run grade from the racekit folder"},
		{name: "not a kit", args: []string{"run", "01"}, env: map[string]string{"RACEKIT_ROOT": notAKit}, status: 3, stderr: "grade: hint: run grade from the racekit folder"},
		{name: "no go command", args: []string{"check", "."}, env: map[string]string{"PATH": notAKit}, status: 3, stderr: "grade: the go command is not on PATH"},
		{name: "a failing package", args: []string{"check", "../../checker/testdata/fixtures/fail"}, status: 1, stdout: "✗ fail", toolchain: true},
		{name: "a passing package", args: []string{"check", "../../checker/testdata/fixtures/pass"}, status: 0, stdout: "✓ pass", toolchain: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.toolchain && testing.Short() {
				t.Skip("runs the toolchain; skipped with -short")
			}
			t.Setenv("RACEKIT_CACHE", t.TempDir())
			t.Setenv("NO_COLOR", "1")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var stdout, stderr strings.Builder
			status := Main(tt.args, &stdout, &stderr)
			assert.Equal(t, tt.status, status, "stdout:\n%s\nstderr:\n%s", &stdout, &stderr)
			for _, out := range []struct{ name, got, want string }{{"stdout", stdout.String(), tt.stdout}, {"stderr", stderr.String(), tt.stderr}} {
				if out.want == "" {
					assert.Empty(t, out.got, out.name)
				} else {
					assert.Contains(t, out.got, out.want, out.name)
				}
			}
		})
	}
}
