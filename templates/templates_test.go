package templates

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/racekit/racekit"
	"github.com/racekit/racekit/internal/pristine"
)

// actionlint returns a command that runs go tool actionlint (go.mod's
// tool directive) on files, or skips the test when the tool cannot be
// built here (no module cache and no network).
func actionlint(t *testing.T) func(files ...string) (string, error) {
	t.Helper()
	if out, err := exec.Command("go", "tool", "actionlint", "-version").CombinedOutput(); err != nil {
		t.Skipf("go tool actionlint cannot be built here, so the workflows are not linted: %v\n%s", err, out)
	}
	return func(files ...string) (string, error) {
		out, err := exec.Command("go", append([]string{"tool", "actionlint", "-no-color"}, files...)...).CombinedOutput()
		return string(out), err
	}
}

// TestWorkflowsLint lints every workflow template with actionlint, and the
// Classroom workflow as grade release pins it.
func TestWorkflowsLint(t *testing.T) {
	lint := actionlint(t)
	pinned, err := ClassroomWorkflow("v1.2.3")
	require.NoError(t, err)
	pinnedFile := filepath.Join(t.TempDir(), "classroom.yml")
	require.NoError(t, os.WriteFile(pinnedFile, pinned, 0o644))
	for _, file := range append(Workflows, pinnedFile) {
		t.Run(filepath.Base(filepath.Dir(file))+"/"+filepath.Base(file), func(t *testing.T) {
			out, err := lint(file)
			assert.NoError(t, err, "actionlint %s:\n%s", file, out)
		})
	}
}

// TestShellScripts checks the shell scripts with shellcheck where it is
// installed (actionlint runs it on the workflows' run steps too).
func TestShellScripts(t *testing.T) {
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not installed, so the shell scripts are not checked")
	}
	for _, file := range []string{"gradescope/setup.sh", "gradescope/run_autograder", "prairielearn/run.sh"} {
		t.Run(file, func(t *testing.T) {
			out, err := exec.Command(shellcheck, file).CombinedOutput()
			assert.NoError(t, err, "shellcheck %s:\n%s", file, out)
		})
	}
}

// TestPin pins the grader's version in the templates that install it.
func TestPin(t *testing.T) {
	for _, tt := range []struct {
		name, version, want string
		wantErr             bool
	}{
		{name: "a release", version: "v1.2.3", want: "cmd/grade@v1.2.3"},
		{name: "a pseudo-version", version: "v0.0.0-20261201000000-abcdefabcdef", want: "cmd/grade@v0.0.0-20261201000000-abcdefabcdef"},
		{name: "latest", version: "latest", want: "cmd/grade@latest"},
		{name: "none", version: "", want: "cmd/grade@latest"},
		{name: "shell characters", version: "v1; rm -rf /", wantErr: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, file := range []string{"github-classroom/classroom.yml", "github-actions/racekit.yml", "gitlab/gitlab-ci.yml"} {
				data, err := Files.ReadFile(file)
				require.NoError(t, err)
				got, err := Pin(data, tt.version)
				if tt.wantErr {
					assert.Error(t, err, file)
					continue
				}
				require.NoError(t, err, file)
				assert.Contains(t, string(got), tt.want, file)
				if tt.version != "" && tt.version != "latest" {
					assert.NotContains(t, string(got), "cmd/grade@latest", file)
				}
			}
		})
	}
}

// step returns the run script of the step with the given id (or name)
// in a GitHub Actions workflow.
func step(t *testing.T, file, id string) string {
	t.Helper()
	var wf struct {
		Jobs map[string]struct {
			Steps []struct{ ID, Name, Run string }
		}
	}
	data, err := Files.ReadFile(file)
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &wf))
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if s.ID == id || s.Name == id {
				require.NotEmpty(t, s.Run, "%s: step %s runs nothing", file, id)
				return s.Run
			}
		}
	}
	t.Fatalf("%s has no step %s", file, id)
	return ""
}

// gitlabScript returns the script lines of the GitLab job, one a line.
func gitlabScript(t *testing.T, job string) string {
	t.Helper()
	var ci map[string]struct{ Script []string }
	data, err := Files.ReadFile("gitlab/gitlab-ci.yml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &ci))
	lines := ci[job].Script
	require.NotEmpty(t, lines, "gitlab-ci.yml: job %s has no script", job)
	return strings.Join(lines, "\n")
}

// platform is where a template's commands run in the test: the folder
// they start in and the few variables the platform gives beyond PATH and
// HOME.
type platform struct {
	dir string
	env []string
}

// TestGradingCommands runs each template's grading command lines as its
// platform does, in a stripped environment: PATH, HOME (a folder of the
// test's own) and the few variables the platform gives; no GOFLAGS,
// GOCACHE, GOPATH or CGO_ENABLED, which the commands set themselves. They
// grade a kit written from the kit as shipped with exercise 01 solved:
// 01 gets its point, every other exercise none.
//
// HOME's go/pkg/mod and .cache/go-build are links to this machine's module
// and build caches, so the commands find the kit's modules offline and the
// race-enabled standard library already built; grade is built where the
// templates' install step puts it ($HOME/go/bin).
func TestGradingCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("grades the kit with the toolchain; skipped with -short")
	}
	home := strippedHome(t)
	grade := filepath.Join(home, "go", "bin", "grade")
	if out, err := exec.Command("go", "build", "-o", grade, "github.com/racekit/racekit/cmd/grade").CombinedOutput(); err != nil {
		t.Fatalf("building grade: %v\n%s", err, out)
	}
	for _, tt := range []struct {
		name string
		// run runs the template's commands and returns their output.
		run func(t *testing.T, kit, home string) (string, error)
		// wantStatus is the commands' exit status: 1, as not every
		// exercise passes; 0 for the graders' entry scripts, which write
		// the result and succeed.
		wantStatus int
		check      func(t *testing.T, kit, out string)
	}{
		{
			name: "github-classroom",
			run: func(t *testing.T, kit, home string) (string, error) {
				return runScript(t, step(t, "github-classroom/classroom.yml", "grade"), kit, home, actionsEnv(kit)...)
			},
			wantStatus: 1,
			check:      checkClassroom,
		},
		{
			name: "github-actions",
			run: func(t *testing.T, kit, home string) (string, error) {
				return runScript(t, step(t, "github-actions/racekit.yml", "Grade"), kit, home, actionsEnv(kit)...)
			},
			wantStatus: 1,
			check: func(t *testing.T, kit, out string) {
				assert.Regexp(t, `(?m)^::error file=exercises/02_counter/main\.go,line=\d+`, out)
				assert.NotContains(t, out, "::error file=exercises/01_wait_for_workers")
				summary, err := os.ReadFile(filepath.Join(kit, ".summary.md"))
				require.NoError(t, err)
				assert.Regexp(t, `(?m)^## racekit: 1 of \d+ pass, 1 of \d+ points$`, string(summary))
				checkJUnit(t, filepath.Join(kit, "racekit-junit.xml"))
			},
		},
		{
			name: "gitlab",
			run: func(t *testing.T, kit, home string) (string, error) {
				return runScript(t, gitlabScript(t, "racekit"), kit, home, "CI=true", "GITLAB_CI=true", "CI_PROJECT_DIR="+kit)
			},
			wantStatus: 1,
			check: func(t *testing.T, kit, out string) {
				checkJUnit(t, filepath.Join(kit, "racekit-junit.xml"))
			},
		},
		{
			name: "gradescope",
			run: func(t *testing.T, kit, home string) (string, error) {
				root := filepath.Join(t.TempDir(), "autograder")
				install(t, grade, filepath.Join(root, "source", "grade"))
				install(t, "gradescope/run_autograder", filepath.Join(root, "run_autograder"))
				require.NoError(t, os.CopyFS(filepath.Join(root, "submission"), os.DirFS(kit)))
				out, err := runIn(t, []string{filepath.Join(root, "run_autograder")}, t.TempDir(), home, "AUTOGRADER_ROOT="+root)
				copyFile(t, filepath.Join(root, "results", "results.json"), filepath.Join(kit, "results.json"))
				return out, err
			},
			check: checkGradescope,
		},
		{
			name: "prairielearn",
			run: func(t *testing.T, kit, home string) (string, error) {
				course := filepath.Join(t.TempDir(), "serverFilesCourse", "racekit")
				install(t, grade, filepath.Join(course, "grade"))
				install(t, "prairielearn/run.sh", filepath.Join(course, "run.sh"))
				root := filepath.Join(t.TempDir(), "grade")
				copyFile(t, filepath.Join(kit, "exercises", "01_wait_for_workers", "main.go"), filepath.Join(root, "student", "main.go"))
				out, err := runIn(t, []string{filepath.Join(course, "run.sh"), "1"}, t.TempDir(), home, "PL_ROOT="+root)
				copyFile(t, filepath.Join(root, "results", "results.json"), filepath.Join(kit, "results.json"))
				return out, err
			},
			check: checkPrairieLearn,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			kit := solvedKit(t)
			out, err := tt.run(t, kit, home)
			status := 0
			if ee, ok := err.(*exec.ExitError); ok {
				status = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			require.Equal(t, tt.wantStatus, status, "output:\n%s", out)
			assert.NotContains(t, out, "grade: warning:", "the commands left a setting grade ignores")
			tt.check(t, kit, out)
		})
	}
}

// strippedHome makes the HOME of the stripped environment, with its module
// and build caches linked to this machine's.
func strippedHome(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE").Output()
	require.NoError(t, err)
	caches := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Len(t, caches, 2)
	home := t.TempDir()
	for i, link := range []string{filepath.Join(home, "go", "pkg", "mod"), filepath.Join(home, ".cache", "go-build")} {
		require.NoError(t, os.MkdirAll(filepath.Dir(link), 0o755))
		require.NoError(t, os.Symlink(caches[i], link))
	}
	return home
}

// actionsEnv is what a GitHub Actions run step has beyond PATH and HOME
// that grade reads: the step's output and summary files.
func actionsEnv(kit string) []string {
	return []string{
		"CI=true",
		"GITHUB_ACTIONS=true",
		"GITHUB_WORKSPACE=" + kit,
		"GITHUB_OUTPUT=" + filepath.Join(kit, ".output"),
		"GITHUB_STEP_SUMMARY=" + filepath.Join(kit, ".summary.md"),
	}
}

// runScript runs a script as GitHub Actions and GitLab run one: bash,
// stopping at the first command that fails.
func runScript(t *testing.T, script, dir, home string, env ...string) (string, error) {
	t.Helper()
	return runIn(t, []string{"bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script}, dir, home, env...)
}

// runIn runs args in dir with only PATH, HOME and env.
func runIn(t *testing.T, args []string, dir, home string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + home}, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// solvedKit writes the kit as shipped with exercise 01 solved.
func solvedKit(t *testing.T) string {
	t.Helper()
	kit := filepath.Join(t.TempDir(), "kit")
	_, err := pristine.Write(kit, racekit.Shipped)
	require.NoError(t, err)
	copyFile(t, "../solutions/01_wait_for_workers/main.go", filepath.Join(kit, "exercises", "01_wait_for_workers", "main.go"))
	return kit
}

// install copies an executable.
func install(t *testing.T, from, to string) {
	t.Helper()
	copyFile(t, from, to)
	require.NoError(t, os.Chmod(to, 0o755))
}

// copyFile copies a file, making the folders it goes in.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	require.NoError(t, os.WriteFile(to, data, 0o644))
}

// checkClassroom decodes the result the Grade step left in its step output
// file, as the autograding reporter does, and checks the points.
func checkClassroom(t *testing.T, kit, out string) {
	data, err := os.ReadFile(filepath.Join(kit, ".output"))
	require.NoError(t, err)
	var encoded string
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "result="); ok {
			encoded = v
		}
	}
	require.NotEmpty(t, encoded, "no result= in the step output:\n%s", data)
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	require.NoError(t, err)
	var result struct {
		Version  int     `json:"version"`
		Status   string  `json:"status"`
		MaxScore float64 `json:"max_score"`
		Tests    []struct {
			Name     string  `json:"name"`
			Status   string  `json:"status"`
			Score    float64 `json:"score"`
			MaxScore float64 `json:"max_score"`
		} `json:"tests"`
	}
	require.NoError(t, json.Unmarshal(decoded, &result))
	assert.Equal(t, 1, result.Version)
	assert.Equal(t, "fail", result.Status)
	require.Greater(t, len(result.Tests), 1)
	assert.Equal(t, float64(len(result.Tests)), result.MaxScore)
	for _, test := range result.Tests {
		if test.Name == "01_wait_for_workers" {
			assert.Equal(t, "pass", test.Status, test.Name)
			assert.Equal(t, 1.0, test.Score, test.Name)
			continue
		}
		assert.Equal(t, "fail", test.Status, test.Name)
		assert.Equal(t, 0.0, test.Score, test.Name)
	}
}

// checkJUnit parses the JUnit report: exercise 01's suite has no failure,
// every other suite at least one.
func checkJUnit(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	var suites struct {
		Suites []struct {
			Name     string `xml:"name,attr"`
			Failures int    `xml:"failures,attr"`
			Errors   int    `xml:"errors,attr"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.NewDecoder(bytes.NewReader(data)).Decode(&suites))
	require.Greater(t, len(suites.Suites), 1)
	for _, s := range suites.Suites {
		if s.Name == "01_wait_for_workers" {
			assert.Zero(t, s.Failures+s.Errors, s.Name)
		} else {
			assert.Positive(t, s.Failures+s.Errors, s.Name)
		}
	}
}

// checkGradescope reads results.json: 1 point, for exercise 01.
func checkGradescope(t *testing.T, kit, out string) {
	data, err := os.ReadFile(filepath.Join(kit, "results.json"))
	require.NoError(t, err, "output:\n%s", out)
	var res struct {
		Score    float64 `json:"score"`
		MaxScore float64 `json:"max_score"`
		Tests    []struct {
			Name   string  `json:"name"`
			Score  float64 `json:"score"`
			Status string  `json:"status"`
		} `json:"tests"`
	}
	require.NoError(t, json.Unmarshal(data, &res), "%s", data)
	assert.Equal(t, 1.0, res.Score)
	require.Greater(t, len(res.Tests), 1)
	assert.Equal(t, float64(len(res.Tests)), res.MaxScore)
	for _, test := range res.Tests {
		want := 0.0
		if test.Name == "01_wait_for_workers" {
			want = 1
		}
		assert.Equal(t, want, test.Score, test.Name)
	}
}

// checkPrairieLearn reads results.json of grading exercise 01 alone: full
// marks.
func checkPrairieLearn(t *testing.T, kit, out string) {
	data, err := os.ReadFile(filepath.Join(kit, "results.json"))
	require.NoError(t, err, "output:\n%s", out)
	var res struct {
		Gradable bool    `json:"gradable"`
		Score    float64 `json:"score"`
		Tests    []struct {
			Name      string  `json:"name"`
			Points    float64 `json:"points"`
			MaxPoints float64 `json:"max_points"`
		} `json:"tests"`
	}
	require.NoError(t, json.Unmarshal(data, &res), "%s", data)
	assert.True(t, res.Gradable)
	assert.Equal(t, 1.0, res.Score)
	require.Len(t, res.Tests, 1)
	assert.Equal(t, "01_wait_for_workers", res.Tests[0].Name)
	assert.Equal(t, 1.0, res.Tests[0].Points)
}
