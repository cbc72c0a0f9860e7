package formats

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/racekit/racekit/checker"
	"github.com/racekit/racekit/internal/report"
)

// junitSuites is the root element of a JUnit report.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

// junitSuite is one result: an exercise or a package.
type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

// junitCase is one test, or a result's verdict when no test says it.
type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

// junitProblem is a failure (the code is wrong) or an error (it could not
// be graded): its type is the verdict, its text the diagnosis.
type junitProblem struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// MarshalXML writes the problem with its text's line breaks as they are
// (a chardata field would write each as &#xA;); everything else the
// encoder escapes.
func (p *junitProblem) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	start.Attr = []xml.Attr{{Name: xml.Name{Local: "type"}, Value: p.Type}, {Name: xml.Name{Local: "message"}, Value: p.Message}}
	for _, t := range []xml.Token{start, xml.CharData(p.Text), start.End()} {
		if err := e.EncodeToken(t); err != nil {
			return err
		}
	}
	return nil
}

// JUnit writes the document as JUnit XML, as GitLab's test reports and
// GitHub's JUnit reporters read it: a testsuite per result, a testcase
// per test (classname: the result's name) with the file of its first
// location, and a failure whose type is the verdict and whose text is the
// diagnosis. In a result that passed (in verify, an exercise that failed
// as declared) no test is a failure. A result that failed with no failing test (build, error,
// vet, rule) gets one more testcase, named after its verdict. Names are
// unique within a suite.
//
// The XML is well-formed whatever the tests printed: invalid UTF-8
// becomes U+FFFD, characters that XML 1.0 does not allow are dropped, and
// text is escaped, never put in CDATA.
func JUnit(w io.Writer, doc *report.Document, _ Options) error {
	root := junitSuites{Name: "racekit", Time: seconds(doc.Seconds)}
	for _, r := range doc.Results {
		s := junitSuite{Name: xmlText(r.Name), Time: seconds(r.Seconds)}
		names := map[string]int{}
		add := func(c junitCase) {
			c.Name = unique(names, xmlText(c.Name))
			s.Cases = append(s.Cases, c)
			s.Tests++
			if c.Failure != nil {
				s.Failures++
			}
			if c.Error != nil {
				s.Errors++
			}
		}
		for _, t := range r.Tests {
			c := junitCase{Classname: xmlText(r.Name), Name: t.Name, File: xmlText(testFile(r, t)), Time: seconds(t.Seconds)}
			if t.Verdict != checker.Pass && !r.Passed {
				c.Failure = &junitProblem{Type: string(t.Verdict), Message: xmlText(oneLine(t.Message)),
					Text: xmlText(failureText(t.Message, diagnosisText(t)))}
			}
			add(c)
		}
		if !r.Passed && len(failing(r)) == 0 {
			c := junitCase{Classname: xmlText(r.Name), Name: string(r.Verdict), File: xmlText(resultFile(r)), Time: seconds(r.Seconds)}
			p := &junitProblem{Type: string(r.Verdict), Message: xmlText(oneLine(r.Message)),
				Text: xmlText(failureText(r.Message, findingsText(r)))}
			if r.Verdict == report.Error {
				c.Error = p
			} else {
				c.Failure = p
			}
			add(c)
		}
		root.Suites = append(root.Suites, s)
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// failureText is a failure's text: the message, then the diagnosis.
func failureText(message, diagnosis string) string {
	if diagnosis == "" {
		return message + "\n"
	}
	return message + "\n\n" + diagnosis
}

// testFile is the file a test failed in: its first location in the
// student's code, else the result's first finding, else the result's
// folder.
func testFile(r report.Result, t report.Test) string {
	if l, ok := studentFile(t); ok {
		return l.File
	}
	return resultFile(r)
}

// resultFile is the file of a result's first finding, else its folder.
func resultFile(r report.Result) string {
	if f, ok := firstFinding(r); ok && f.File != "" {
		return f.File
	}
	return r.Path
}

// unique returns name, or name with " #2", " #3"... when it was taken.
func unique(taken map[string]int, name string) string {
	taken[name]++
	if n := taken[name]; n > 1 {
		candidate := fmt.Sprintf("%s #%d", name, n)
		for taken[candidate] > 0 {
			n++
			candidate = fmt.Sprintf("%s #%d", name, n)
		}
		taken[candidate]++
		return candidate
	}
	return name
}

// seconds formats a duration in seconds as JUnit readers want it.
func seconds(s float64) string {
	return fmt.Sprintf("%.3f", s)
}

// xmlText makes s safe for XML 1.0: invalid UTF-8 becomes U+FFFD and
// characters outside XML's Char production are dropped. Escaping is the
// encoder's.
func xmlText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s)
}

// xmlChar reports whether XML 1.0 allows r: #x9 | #xA | #xD |
// [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}
