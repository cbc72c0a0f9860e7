package formats

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

// testToken is the stop-commands token of the golden GitHub reports.
const testToken = "TOKEN"

// write writes doc in the format named name, and github's step summary.
func write(t *testing.T, name string, doc *report.Document) (out, summary []byte) {
	t.Helper()
	f, ok := Lookup(name)
	require.True(t, ok, name)
	var buf, sum bytes.Buffer
	require.NoError(t, f.Write(&buf, doc, Options{Token: testToken, StepSummary: &sum}))
	return buf.Bytes(), sum.Bytes()
}

// TestGolden writes every document in every format and compares it with
// testdata/DOCUMENT.FORMAT.golden (and github's step summary with
// DOCUMENT.summary.md.golden, the Classroom result decoded with
// DOCUMENT.classroom.json.golden). Refresh with:
// go test ./internal/formats -run TestGolden -update
func TestGolden(t *testing.T) {
	for _, d := range documents() {
		for _, f := range All() {
			t.Run(d.name+"/"+f.Name, func(t *testing.T) {
				out, summary := write(t, f.Name, d.doc)
				if f.Name == "json" {
					// report.WriteJSON writes invalid UTF-8 as \ufffd before
					// Go 1.27 and as the character itself since.
					out = bytes.ReplaceAll(out, []byte(`\ufffd`), []byte("\uFFFD"))
				}
				golden(t, d.name+"."+f.Name+".golden", out)
				switch f.Name {
				case "github":
					golden(t, d.name+".summary.md.golden", summary)
				case "classroom":
					var pretty bytes.Buffer
					require.NoError(t, json.Indent(&pretty, decodeClassroom(t, out), "", "  "))
					golden(t, d.name+".classroom.json.golden", append(pretty.Bytes(), '\n'))
				default:
					assert.Empty(t, summary, "only github writes a step summary")
				}
			})
		}
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to write it")
	assert.Equal(t, string(want), string(got), "%s differs; run with -update to rewrite it", path)
}

// TestLookup checks the registry: every name the messages list selects a
// format, and no other.
func TestLookup(t *testing.T) {
	assert.Equal(t, []string{"junit", "github", "classroom", "gradescope", "prairielearn", "json"}, Names())
	assert.Equal(t, "junit, github, classroom, gradescope, prairielearn or json", NamesText())
	for _, n := range Names() {
		f, ok := Lookup(n)
		assert.True(t, ok)
		assert.Equal(t, n, f.Name)
		assert.NotNil(t, f.Write)
	}
	_, ok := Lookup("yaml")
	assert.False(t, ok)
}

// The JUnit XML as readers parse it.
type (
	xmlSuites struct {
		XMLName  xml.Name   `xml:"testsuites"`
		Tests    *int       `xml:"tests,attr"`
		Failures *int       `xml:"failures,attr"`
		Errors   *int       `xml:"errors,attr"`
		Suites   []xmlSuite `xml:"testsuite"`
	}
	xmlSuite struct {
		Name     *string   `xml:"name,attr"`
		Tests    *int      `xml:"tests,attr"`
		Failures *int      `xml:"failures,attr"`
		Errors   *int      `xml:"errors,attr"`
		Time     *float64  `xml:"time,attr"`
		Cases    []xmlCase `xml:"testcase"`
	}
	xmlCase struct {
		Classname *string     `xml:"classname,attr"`
		Name      *string     `xml:"name,attr"`
		File      *string     `xml:"file,attr"`
		Time      *float64    `xml:"time,attr"`
		Failure   *xmlProblem `xml:"failure"`
		Error     *xmlProblem `xml:"error"`
	}
	xmlProblem struct {
		Type    *string `xml:"type,attr"`
		Message *string `xml:"message,attr"`
		Text    string  `xml:",chardata"`
	}
)

// TestJUnitConsumer parses the JUnit report as GitLab does: testsuites >
// testsuite per result > testcase per test with classname, name, file and
// time, a failure whose type is a verdict, unique names, and counts that
// add up; well-formed XML whatever the student printed.
func TestJUnitConsumer(t *testing.T) {
	for _, d := range documents() {
		t.Run(d.name, func(t *testing.T) {
			out, _ := write(t, "junit", d.doc)
			require.True(t, utf8.Valid(out))
			assert.NotContains(t, string(out), "CDATA")
			// Every token must decode: the XML is well-formed.
			dec := xml.NewDecoder(bytes.NewReader(out))
			for {
				_, err := dec.Token()
				if err != nil {
					require.EqualError(t, err, "EOF")
					break
				}
			}
			var root xmlSuites
			require.NoError(t, xml.Unmarshal(out, &root))
			require.Len(t, root.Suites, len(d.doc.Results))
			total, failures, errs := 0, 0, 0
			for i, s := range root.Suites {
				r := d.doc.Results[i]
				require.NotNil(t, s.Name)
				require.NotNil(t, s.Tests)
				require.NotNil(t, s.Failures)
				require.NotNil(t, s.Errors)
				require.NotNil(t, s.Time)
				assert.Equal(t, xmlText(r.Name), *s.Name)
				assert.Len(t, s.Cases, *s.Tests)
				names := map[string]bool{}
				f, e := 0, 0
				for _, c := range s.Cases {
					require.NotNil(t, c.Classname)
					require.NotNil(t, c.Name)
					require.NotNil(t, c.File)
					require.NotNil(t, c.Time)
					assert.Equal(t, *s.Name, *c.Classname)
					assert.NotEmpty(t, *c.File)
					assert.False(t, names[*c.Name], "duplicate testcase name %q", *c.Name)
					names[*c.Name] = true
					for _, p := range []*xmlProblem{c.Failure, c.Error} {
						if p == nil {
							continue
						}
						require.NotNil(t, p.Type)
						require.NotNil(t, p.Message)
						assert.NotContains(t, *p.Message, "\n")
						_, err := checker.ParseVerdict(*p.Type)
						assert.True(t, err == nil || *p.Type == string(report.Error), "type %q is not a verdict", *p.Type)
					}
					if c.Failure != nil {
						f++
					}
					if c.Error != nil {
						e++
					}
				}
				assert.Equal(t, f, *s.Failures)
				assert.Equal(t, e, *s.Errors)
				assert.Equal(t, r.Passed, f+e == 0, "a result fails when a testcase does")
				total += len(s.Cases)
				failures += f
				errs += e
			}
			assert.Equal(t, total, *root.Tests)
			assert.Equal(t, failures, *root.Failures)
			assert.Equal(t, errs, *root.Errors)
		})
	}
}

// TestJUnitStudentOutput checks that nasty output survives as text: the
// CDATA end and markup come back as written, invalid UTF-8 as U+FFFD, and
// characters XML forbids are gone.
func TestJUnitStudentOutput(t *testing.T) {
	out, _ := write(t, "junit", tally(&report.Document{Results: []report.Result{nastyResult()}}))
	var root xmlSuites
	require.NoError(t, xml.Unmarshal(out, &root))
	cases := root.Suites[0].Cases
	require.Len(t, cases, 3)
	assert.Equal(t, []string{"TestOutput", "TestOutput #2", "fail"}, []string{*cases[0].Name, *cases[1].Name, *cases[2].Name})
	assert.Equal(t, "weird ]]> <pkg> & \"q\"", *root.Suites[0].Name)
	text := cases[0].Failure.Text
	assert.Contains(t, text, "]]> <b>&amp;</b> 100% a:b,c")
	assert.Contains(t, text, " \uFFFD ]]>")
	assert.Contains(t, text, "weird/out.go:12:2: goroutine 7 panicked")
	assert.Contains(t, text, "cause: cause with ]]> and  and \uFFFD")
	for _, c := range "\x00\x01\x07\x1b\uFFFE" {
		assert.NotContains(t, text, string(c))
	}
	assert.Equal(t, "got red[0m \uFFFD ]]> <b>&amp;</b> 100% a:b,c | `x` ", strings.ReplaceAll(*cases[0].Failure.Message, "[31m", ""))
}

// decodeClassroom checks the result= line and returns its JSON.
func decodeClassroom(t *testing.T, out []byte) []byte {
	t.Helper()
	line, ok := bytes.CutPrefix(out, []byte("result="))
	require.True(t, ok, "the output is a result= step output line: %q", out)
	line, ok = bytes.CutSuffix(line, []byte("\n"))
	require.True(t, ok, "the line ends with a newline")
	require.NotContains(t, string(line), "\n", "one line")
	data, err := base64.StdEncoding.DecodeString(string(line))
	require.NoError(t, err)
	return data
}

// TestClassroomConsumer decodes the Classroom result as the autograding
// reporter does (base64, then JSON) and checks the fields it reads: status
// pass, fail or error; max_score; each test's name, status, score and
// message, with types; the scores sum to the document's score.
func TestClassroomConsumer(t *testing.T) {
	for _, d := range documents() {
		t.Run(d.name, func(t *testing.T) {
			out, _ := write(t, "classroom", d.doc)
			var res map[string]any
			require.NoError(t, json.Unmarshal(decodeClassroom(t, out), &res))
			assert.Equal(t, 1.0, res["version"])
			assert.Contains(t, []any{"pass", "fail", "error"}, res["status"])
			assert.Equal(t, float64(d.doc.MaxScore), res["max_score"])
			tests, ok := res["tests"].([]any)
			require.True(t, ok, "tests is an array")
			require.Len(t, tests, len(d.doc.Results))
			sum := 0.0
			for i, x := range tests {
				test := x.(map[string]any)
				r := d.doc.Results[i]
				assert.Equal(t, r.Name, test["name"])
				assert.Contains(t, []any{"pass", "fail", "error"}, test["status"])
				assert.Equal(t, r.Passed, test["status"] == "pass")
				require.IsType(t, 0.0, test["score"])
				require.IsType(t, 0.0, test["max_score"])
				require.IsType(t, "", test["message"])
				require.IsType(t, "", test["test_code"])
				require.IsType(t, "", test["filename"])
				require.IsType(t, 0.0, test["line_no"])
				require.IsType(t, 0.0, test["duration"])
				assert.LessOrEqual(t, len(test["message"].(string)), MaxClassroomMessage)
				sum += test["score"].(float64)
			}
			assert.Equal(t, float64(d.doc.Score), sum)
			assert.Equal(t, d.doc.AllPassed(), res["status"] == "pass")
		})
	}
}

// TestGradescopeConsumer checks the fields of Gradescope's results.json
// and their types.
func TestGradescopeConsumer(t *testing.T) {
	for _, d := range documents() {
		t.Run(d.name, func(t *testing.T) {
			out, _ := write(t, "gradescope", d.doc)
			var res map[string]any
			require.NoError(t, json.Unmarshal(out, &res))
			assert.Equal(t, float64(d.doc.Score), res["score"])
			assert.Equal(t, float64(d.doc.MaxScore), res["max_score"])
			require.IsType(t, 0.0, res["execution_time"])
			require.IsType(t, "", res["output"])
			tests := res["tests"].([]any)
			require.Len(t, tests, len(d.doc.Results))
			for i, x := range tests {
				test := x.(map[string]any)
				r := d.doc.Results[i]
				assert.Equal(t, r.Name, test["name"])
				require.IsType(t, "", test["number"])
				assert.Equal(t, float64(r.Score), test["score"])
				assert.Equal(t, float64(r.Points), test["max_score"])
				assert.Contains(t, []any{"passed", "failed"}, test["status"])
				assert.Equal(t, r.Passed, test["status"] == "passed")
				require.IsType(t, "", test["output"])
				assert.Equal(t, "text", test["output_format"])
				assert.Equal(t, "visible", test["visibility"])
			}
		})
	}
}

// TestPrairieLearnConsumer checks the fields of PrairieLearn's
// results.json and their types; gradable is false only when nothing was
// graded.
func TestPrairieLearnConsumer(t *testing.T) {
	for _, d := range documents() {
		t.Run(d.name, func(t *testing.T) {
			out, _ := write(t, "prairielearn", d.doc)
			var res map[string]any
			require.NoError(t, json.Unmarshal(out, &res))
			assert.Equal(t, d.name != "error", res["gradable"], "the error document has only build and error results")
			score, ok := res["score"].(float64)
			require.True(t, ok)
			assert.True(t, score >= 0 && score <= 1, "score %v in 0..1", score)
			require.IsType(t, "", res["message"])
			tests := res["tests"].([]any)
			require.Len(t, tests, len(d.doc.Results))
			for i, x := range tests {
				test := x.(map[string]any)
				r := d.doc.Results[i]
				assert.Equal(t, r.Name, test["name"])
				assert.Equal(t, float64(r.Score), test["points"])
				assert.Equal(t, float64(r.Points), test["max_points"])
				require.IsType(t, "", test["message"])
				require.IsType(t, "", test["output"])
			}
		})
	}
	out, _ := write(t, "prairielearn", tally(&report.Document{}))
	assert.Contains(t, string(out), `"gradable": false`)
}

// unescapeData undoes EscapeData (and EscapeProperty), as GitHub's runner
// does.
func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// TestGitHubEscaping checks that escaped messages and properties come
// back as written, and hold nothing that ends a command or a property.
func TestGitHubEscaping(t *testing.T) {
	for _, s := range []string{"", "plain", "100%", "%0A", "a\r\nb\nc", "file:12,col", "%25%3A", nasty} {
		data, prop := EscapeData(s), EscapeProperty(s)
		assert.Equal(t, s, unescapeData(data))
		assert.Equal(t, s, unescapeData(prop))
		assert.NotContains(t, data, "\n")
		assert.NotContains(t, data, "\r")
		for _, c := range []string{"\n", "\r", ":", ","} {
			assert.NotContains(t, prop, c)
		}
	}
}

// command matches a workflow command line.
var command = regexp.MustCompile(`^::([a-z-]+)( [^:]*)?::(.*)$`)

// TestGitHubConsumer reads the workflow commands as the runner does:
// every line outside a stop-commands block is a command; at most
// MaxAnnotations errors with the rest summed up in one notice; every
// error names its file and title; student output sits between
// ::stop-commands:: and its token.
func TestGitHubConsumer(t *testing.T) {
	for _, d := range documents() {
		t.Run(d.name, func(t *testing.T) {
			out, _ := write(t, "github", d.doc)
			errors, notices := 0, 0
			var stopped string
			for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
				if line == "" && len(out) == 0 {
					continue
				}
				if stopped != "" {
					if line == "::"+stopped+"::" {
						stopped = ""
					}
					continue
				}
				m := command.FindStringSubmatch(line)
				require.NotNil(t, m, "not a workflow command: %q", line)
				switch m[1] {
				case "error":
					errors++
					assert.Contains(t, m[2], "title=")
					assert.NotContains(t, m[3], "\r")
				case "notice":
					notices++
					assert.Contains(t, unescapeData(m[3]), " more failures: ")
				case "stop-commands":
					stopped = m[3]
					assert.Len(t, stopped, len(testToken))
				case "group", "endgroup":
				default:
					t.Errorf("unexpected command %q", line)
				}
			}
			assert.Empty(t, stopped, "every stop-commands block ends")
			assert.LessOrEqual(t, errors, MaxAnnotations)
			failures := len(annotations(d.doc))
			assert.Equal(t, min(failures, MaxAnnotations), errors)
			assert.Equal(t, failures > MaxAnnotations, notices == 1)
		})
	}
	i := slices.IndexFunc(documents(), func(d document) bool { return d.name == "many" })
	out, _ := write(t, "github", documents()[i].doc)
	assert.Contains(t, string(out), "::notice title=racekit::22 more failures: 99_many TestStuck11: a deadlock; ")
	assert.Contains(t, string(out), "::error file=exercises/99_many/main.go,line=14,col=3,title=99_many TestStuck01%3A a deadlock::the test timed out")
}

// TestGitHubToken checks that student output that holds the token gets
// another one, and that WriteInert does the same.
func TestGitHubToken(t *testing.T) {
	r := nastyResult()
	r.Output = "::" + testToken + "::\n::error::forged"
	var buf bytes.Buffer
	require.NoError(t, GitHub(&buf, tally(&report.Document{Results: []report.Result{r}}), Options{Token: testToken}))
	assert.NotContains(t, buf.String(), "::stop-commands::"+testToken+"\n")
	assert.Regexp(t, `::stop-commands::racekit-[0-9a-f]{32}\n`, buf.String())

	buf.Reset()
	require.NoError(t, WriteInert(&buf, "x ::T::", "T"))
	assert.NotContains(t, buf.String(), "::stop-commands::T\n")
	assert.NotEqual(t, NewToken(), NewToken())
}

// TestStepSummaryLimit checks that the summary stays within its limit,
// and within MaxStepSummary for a huge document, leaving out whole
// results and saying so.
func TestStepSummaryLimit(t *testing.T) {
	huge := many(30)
	for i := range huge.Tests {
		huge.Tests[i].Diagnosis.Cause = strings.Repeat("a long cause ", 3000)
	}
	var results []report.Result
	for range 100 {
		results = append(results, huge)
	}
	doc := tally(&report.Document{Results: results})
	var buf bytes.Buffer
	require.NoError(t, StepSummary(&buf, doc, MaxStepSummary))
	assert.LessOrEqual(t, buf.Len(), MaxStepSummary)
	assert.Contains(t, buf.String(), "more failing results left out: the step summary is capped at 1 MiB")
	assert.True(t, utf8.Valid(buf.Bytes()))

	for _, limit := range []int64{0, 1, 100, 2000} {
		buf.Reset()
		require.NoError(t, StepSummary(&buf, doc, limit))
		assert.LessOrEqual(t, int64(buf.Len()), max(limit, 0))
	}

	// What the file holds already counts.
	buf.Reset()
	require.NoError(t, GitHub(&bytes.Buffer{}, doc, Options{StepSummary: &buf, StepSummaryUsed: MaxStepSummary - 5000}))
	assert.LessOrEqual(t, buf.Len(), 5000)
	assert.NotZero(t, buf.Len())
}

// TestStepSummaryMarkdown checks that names and messages cannot break the
// table or open HTML, and that code blocks cannot be closed early.
func TestStepSummaryMarkdown(t *testing.T) {
	r := nastyResult()
	r.Message = "``````` | <script>"
	var buf bytes.Buffer
	require.NoError(t, StepSummary(&buf, tally(&report.Document{Results: []report.Result{r}}), MaxStepSummary))
	lines := strings.Split(buf.String(), "\n")
	row := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "| ❌ |") })
	require.NotEqual(t, -1, row)
	assert.Equal(t, 6, strings.Count(strings.ReplaceAll(lines[row], `\|`, ""), "|"), "five cells: %s", lines[row])
	assert.NotContains(t, lines[row], "<script>")
	assert.Contains(t, buf.String(), "\n````````text\n")
}
