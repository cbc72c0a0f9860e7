package formats

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

// MaxClassroomMessage bounds each test's message in the Classroom result.
// The autograding reporter reads every grader's result from one
// environment variable, and Linux refuses a single variable over 128 KiB:
// 35 exercises at 1 KiB each stay well under it, base64 included.
const MaxClassroomMessage = 1 << 10

// classroomResult is what a GitHub Classroom grader step puts, base64
// encoded, in its result output; the autograding reporter reads status,
// max_score and each test's name, status, score and message.
type classroomResult struct {
	Version  int             `json:"version"`
	Status   string          `json:"status"`
	MaxScore int             `json:"max_score"`
	Tests    []classroomTest `json:"tests"`
}

// classroomTest is one exercise in the Classroom result.
type classroomTest struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	Score    int    `json:"score"`
	MaxScore int    `json:"max_score"`
	Message  string `json:"message"`
	TestCode string `json:"test_code"`
	Filename string `json:"filename"`
	LineNo   int    `json:"line_no"`
	Duration int64  `json:"duration"`
}

// The JSON formats write text as printable does: valid UTF-8 without
// control characters, whatever the tests printed, and the same with every
// Go release (encoding/json's handling of invalid UTF-8 changed in 1.27).

// Classroom writes the GitHub Classroom autograding result as the step
// output line "result=<base64 JSON>", ready to be appended to the file
// named by $GITHUB_OUTPUT. The JSON is {"version":1, "status": pass, fail
// or error, "max_score", "tests": [...]}, with one test per result: its
// name, status, score (its points when it passed), max_score, message
// (the explanation, at most MaxClassroomMessage bytes), test_code (the
// command that explains it), filename and line_no (where it fails) and
// duration in milliseconds. The reporter sums the scores into the points
// that Classroom shows.
func Classroom(w io.Writer, doc *report.Document, _ Options) error {
	res := classroomResult{Version: 1, Status: "fail", MaxScore: doc.MaxScore, Tests: []classroomTest{}}
	switch {
	case doc.Total == 0 || allUngraded(doc, report.Error):
		res.Status = "error"
	case doc.AllPassed():
		res.Status = "pass"
	}
	for _, r := range doc.Results {
		t := classroomTest{Name: printable(r.Name), Status: "fail", Score: r.Score, MaxScore: r.Points,
			Message: truncate(strings.TrimRight(printable(resultText(r)), "\n"), MaxClassroomMessage), TestCode: printable(testCode(doc, r)),
			Duration: int64(math.Round(r.Seconds * 1000))}
		switch {
		case r.Passed:
			t.Status = "pass"
		case r.Verdict == report.Error:
			t.Status = "error"
		}
		t.Filename, t.LineNo = where(r)
		t.Filename = printable(t.Filename)
		res.Tests = append(res.Tests, t)
	}
	data, err := json.Marshal(res)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "result=%s\n", base64.StdEncoding.EncodeToString(data))
	return err
}

// testCode is the command that explains a result.
func testCode(doc *report.Document, r report.Result) string {
	if doc.Command == "check" {
		return "grade check " + r.Path
	}
	return "grade run " + r.Name
}

// where is the file and line a result fails at: the first failing test's
// first place in the student's code, else the first finding; "" and 0
// when neither is known.
func where(r report.Result) (string, int) {
	for _, t := range failing(r) {
		if l, ok := studentFile(t); ok {
			return l.File, l.Line
		}
	}
	if f, ok := firstFinding(r); ok {
		return f.File, f.Line
	}
	return "", 0
}

// allUngraded reports whether every result has one of the verdicts given.
func allUngraded(doc *report.Document, verdicts ...checker.Verdict) bool {
	for _, r := range doc.Results {
		found := false
		for _, v := range verdicts {
			found = found || r.Verdict == v
		}
		if !found {
			return false
		}
	}
	return true
}

// gradescopeResults is Gradescope's results.json.
type gradescopeResults struct {
	Score         int              `json:"score"`
	MaxScore      int              `json:"max_score"`
	ExecutionTime int              `json:"execution_time"`
	Output        string           `json:"output"`
	OutputFormat  string           `json:"output_format"`
	Visibility    string           `json:"visibility"`
	Tests         []gradescopeTest `json:"tests"`
}

// gradescopeTest is one result in Gradescope's results.json.
type gradescopeTest struct {
	Name         string `json:"name"`
	Number       string `json:"number"`
	Score        int    `json:"score"`
	MaxScore     int    `json:"max_score"`
	Status       string `json:"status"`
	Output       string `json:"output"`
	OutputFormat string `json:"output_format"`
	Visibility   string `json:"visibility"`
}

// Gradescope writes Gradescope's results.json (the autograder's
// /autograder/results/results.json): the document's score and max_score,
// execution_time in whole seconds, an output line with the count, and one
// test per result, numbered from 1, with its points, status "passed" or
// "failed" and its explanation as text, visible to the student.
func Gradescope(w io.Writer, doc *report.Document, _ Options) error {
	res := gradescopeResults{Score: doc.Score, MaxScore: doc.MaxScore, ExecutionTime: int(math.Ceil(doc.Seconds)),
		Output: countLine(doc), OutputFormat: "text", Visibility: "visible", Tests: []gradescopeTest{}}
	for i, r := range doc.Results {
		status := "failed"
		if r.Passed {
			status = "passed"
		}
		res.Tests = append(res.Tests, gradescopeTest{Name: printable(r.Name), Number: fmt.Sprint(i + 1), Score: r.Score, MaxScore: r.Points,
			Status: status, Output: printable(resultText(r)), OutputFormat: "text", Visibility: "visible"})
	}
	return writeJSON(w, res)
}

// prairieLearnResults is PrairieLearn's external grader results.json.
type prairieLearnResults struct {
	Gradable bool               `json:"gradable"`
	Score    float64            `json:"score"`
	Message  string             `json:"message"`
	Tests    []prairieLearnTest `json:"tests"`
}

// prairieLearnTest is one result in PrairieLearn's results.json.
type prairieLearnTest struct {
	Name      string `json:"name"`
	Points    int    `json:"points"`
	MaxPoints int    `json:"max_points"`
	Message   string `json:"message"`
	Output    string `json:"output"`
}

// PrairieLearn writes PrairieLearn's external grader results.json
// (/grade/results/results.json): score is the document's score over its
// max score, in 0..1; gradable is false when nothing was graded (no
// result, or every result is build or error), so that PrairieLearn does
// not count the submission; one test per result with its points, its
// message and its explanation as output.
func PrairieLearn(w io.Writer, doc *report.Document, _ Options) error {
	res := prairieLearnResults{Gradable: doc.Total > 0 && !allUngraded(doc, checker.Build, report.Error),
		Message: countLine(doc), Tests: []prairieLearnTest{}}
	if doc.MaxScore > 0 {
		res.Score = float64(doc.Score) / float64(doc.MaxScore)
	}
	if !res.Gradable {
		res.Message = "nothing could be graded: " + res.Message
	}
	for _, r := range doc.Results {
		msg := r.Message
		if r.Passed {
			msg = "passed"
		}
		res.Tests = append(res.Tests, prairieLearnTest{Name: printable(r.Name), Points: r.Score, MaxPoints: r.Points,
			Message: printable(oneLine(msg)), Output: printable(resultText(r))})
	}
	return writeJSON(w, res)
}

// countLine sums the document up in one line: "3 of 35 pass: 3 of 35
// points".
func countLine(doc *report.Document) string {
	return fmt.Sprintf("%d of %d pass: %d of %d points", doc.Passed, doc.Total, doc.Score, doc.MaxScore)
}

// writeJSON writes v as indented JSON, with <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
