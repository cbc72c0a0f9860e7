// Package release writes a student starter repository: the kit as shipped
// (the exercises, the catalog, racetest, go.mod and go.sum), a README for
// students, a .gitignore, and the GitHub Classroom workflow with the
// grader pinned at a version. It has no solutions and no grader: students
// install grade at the version the workflow names. It returns what it
// wrote and prints nothing.
package release

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/racekit/racekit/internal/catalog"
	"github.com/racekit/racekit/templates"
)

// WorkflowPath is where the release's GitHub Classroom workflow lies.
const WorkflowPath = ".github/workflows/classroom.yml"

// ErrNotEmpty is returned when the folder to write already holds files
// and Options.Force is not set.
var ErrNotEmpty = errors.New("the folder is not empty")

// Options say how to write a release.
type Options struct {
	// Version is the grader's version as its build recorded it: "v1.2.3",
	// or "devel ..." for a build from a working copy.
	Version string
	// Force writes into a folder that already holds files, replacing the
	// release's own files there and leaving the others.
	Force bool
}

// Result says what Write wrote.
type Result struct {
	// Dir is the folder written.
	Dir string
	// Files are the files written, slash-separated and relative to Dir,
	// sorted.
	Files []string
	// Install is the version the README and the workflow install grade
	// at: Options.Version when it is a release, else "latest".
	Install string
	// Devel is set when the grader is not a release, so the release
	// installs grade@latest rather than this grader's own version.
	Devel bool
}

// releaseVersion matches the versions go install takes that name one
// release: v1.2.3, v1.2.3-rc.1, a pseudo-version.
var releaseVersion = regexp.MustCompile(`^v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$`)

// InstallVersion is the version a release made by a grader of version v
// installs grade at, and whether v is a development build (then "latest").
func InstallVersion(v string) (install string, devel bool) {
	if releaseVersion.MatchString(v) {
		return v, false
	}
	return "latest", true
}

// Write writes the release of the kit shipped into dir. dir must be
// missing or empty unless opts.Force is set.
func Write(dir string, shipped fs.FS, opts Options) (*Result, error) {
	if !opts.Force {
		entries, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if len(entries) > 0 {
			return nil, fmt.Errorf("%s: %w", dir, ErrNotEmpty)
		}
	}
	install, devel := InstallVersion(opts.Version)
	files, err := Files(shipped, install, devel)
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: dir, Install: install, Devel: devel}
	for _, name := range sortedKeys(files) {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(file, files[name], 0o644); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, name)
	}
	return res, nil
}

// Files returns the release's files by slash-separated path: the kit's
// files as shipped, README.md, .gitignore and the Classroom workflow
// installing grade at install.
func Files(shipped fs.FS, install string, devel bool) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(shipped, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !shippedFile(p) {
			return nil
		}
		data, err := fs.ReadFile(shipped, p)
		if err != nil {
			return err
		}
		files[p] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the kit as shipped: %w", err)
	}
	if _, ok := files[catalog.File]; !ok {
		return nil, fmt.Errorf("the kit as shipped has no %s", catalog.File)
	}
	workflow, err := templates.ClassroomWorkflow(install)
	if err != nil {
		return nil, err
	}
	files[WorkflowPath] = workflow
	readme, err := studentReadme(files, install, devel)
	if err != nil {
		return nil, err
	}
	files["README.md"] = readme
	files[".gitignore"] = []byte(gitignore)
	return files, nil
}

// shippedFile reports whether a file of the kit as shipped belongs in a
// release: go.mod, go.sum, racetest and exercises; never a solution.
func shippedFile(p string) bool {
	switch {
	case p == "go.mod" || p == "go.sum":
		return true
	case strings.HasPrefix(p, "racetest/"):
		return true
	case strings.HasPrefix(p, "exercises/"):
		return !strings.Contains(p, "/solutions/") && !strings.HasPrefix(path.Base(p), "solution")
	}
	return false
}

// gitignore keeps build output and grade's files out of the student's
// commits.
const gitignore = `# Build output and test binaries.
/bin/
*.test
*.out
# grade's reports.
racekit-junit.xml
# What the learner has done, written by grade.
/.racekit-progress
`

// readmeData fills the student README.
type readmeData struct {
	Install   string
	Devel     bool
	Exercises []catalog.Exercise
	First     string
}

// studentReadme is the README for students: set-up, how to grade, the
// exercises of the catalog.
func studentReadme(files map[string][]byte, install string, devel bool) ([]byte, error) {
	cat, err := catalog.Parse(files[catalog.File])
	if err != nil {
		return nil, fmt.Errorf("the kit's catalog: %w", err)
	}
	if len(cat.Exercises) == 0 {
		return nil, errors.New("the kit's catalog lists no exercise")
	}
	d := readmeData{Install: install, Devel: devel, Exercises: cat.Exercises, First: cat.Exercises[0].Dir()}
	var b strings.Builder
	if err := readmeTemplate.Execute(&b, d); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

var readmeTemplate = template.Must(template.New("README.md").Parse(`# racekit exercises

Each folder in ` + "`exercises/`" + ` is a small Go program with a concurrency bug: a
data race, a ` + "`main`" + ` that exits before its workers, a deadlock, a leaked
goroutine. Fix each one, then let ` + "`grade`" + ` check it under the race detector.

## Set-up

You need Go 1.25 or newer and a C compiler (gcc or clang): the race detector
needs cgo. Then install the grader, at the version your course grades with:

` + "```" + `
go install github.com/racekit/racekit/cmd/grade@{{.Install}}
` + "```" + `
{{if .Devel}}
This repository was written by a development build of grade, so it installs
the newest release (` + "`@latest`" + `); your teacher may pin a version instead.
{{end}}
` + "`go install`" + ` puts ` + "`grade`" + ` in ` + "`$(go env GOPATH)/bin`" + `; add that folder to your PATH.

## Grading

Run ` + "`grade`" + ` in this folder. At first every exercise fails. Open
` + "`{{.First}}/README.md`" + `, edit its ` + "`main.go`" + `, and grade it again:

` + "```" + `
grade                 # every exercise; the first that fails is explained
grade run 01          # one exercise, explained, with its first hint
grade run 01 --hints 3
grade list            # every exercise with its status
` + "```" + `

Edit only the exercises' code: the tests, ` + "`racetest/`" + `, ` + "`go.mod`" + ` and the
catalog come from the grader, so changing them changes no grade.

When you push, GitHub Classroom grades your work with the same grader
(` + "`.github/workflows/classroom.yml`" + `) and shows your points.

## The exercises

| # | exercise | bug class | points |
|---|---|---|---|
{{range .Exercises}}| {{printf "%02d" .Number}} | [{{.Name}}]({{.Dir}}/README.md): {{.Title}} | {{.Bug}} | {{.Worth}} |
{{end}}`))

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
