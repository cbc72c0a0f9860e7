// Package templates holds the files a teacher copies to grade racekit on a
// CI or grading platform: a GitHub Classroom workflow, a GitHub Actions
// workflow, a GitLab CI job, a Gradescope autograder and a PrairieLearn
// external-grader entry script. README.md says how to use each. They are
// embedded, so that grade release writes the Classroom workflow and the
// Gradescope zip holds the scripts exactly as tested here.
package templates

import (
	"embed"
	"fmt"
	"strings"
)

// Files are the templates, as they lie in this folder.
//
//go:embed github-classroom/classroom.yml github-actions/racekit.yml gitlab/gitlab-ci.yml gradescope/setup.sh gradescope/run_autograder prairielearn/run.sh
var Files embed.FS

// Workflows are the GitHub Actions workflow files among Files.
var Workflows = []string{"github-classroom/classroom.yml", "github-actions/racekit.yml"}

// installLatest is how every template installs the grader; a pinned copy
// replaces latest with a version.
const installLatest = "github.com/racekit/racekit/cmd/grade@latest"

// ClassroomWorkflow returns the GitHub Classroom workflow with the grader
// pinned at version ("v1.2.3"); "" or "latest" leaves it at latest.
func ClassroomWorkflow(version string) ([]byte, error) {
	data, err := Files.ReadFile("github-classroom/classroom.yml")
	if err != nil {
		return nil, err
	}
	return Pin(data, version)
}

// Pin returns a template's text with the grader it installs pinned at
// version; "" or "latest" leaves it as it is.
func Pin(data []byte, version string) ([]byte, error) {
	if version == "" || version == "latest" {
		return data, nil
	}
	if strings.ContainsAny(version, " \t\n'\"$`\\") {
		return nil, fmt.Errorf("version %q is not one go install takes", version)
	}
	text := string(data)
	if !strings.Contains(text, installLatest) {
		return nil, fmt.Errorf("the template installs no %s", installLatest)
	}
	return []byte(strings.ReplaceAll(text, installLatest, strings.TrimSuffix(installLatest, "latest")+version)), nil
}
